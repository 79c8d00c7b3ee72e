package dev.self2face.job.eval;

import dev.self2face.job.data.Seeds;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * A run's chosen metrics on its fixed evaluation data: the baselines once, the figures at each evaluation, plus
 * {@code sample_change} — how much G's faces for the grid's fixed inputs moved since the previous evaluation.
 */
public final class Evaluator {
    private final List<Metric> metrics;
    private final EvalData data;
    private INDArray previousGrid;
    private Figures latest = Figures.none();
    private Snapshot latestSnapshot;

    public Evaluator(List<Metric> metrics, EvalData data) {
        this.metrics = metrics;
        this.data = data;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public EvalData data() {
        return data;
    }

    public Figures baselines(GanModel untrained) {
        Snapshot s = new Snapshot(untrained, data);
        Figures f = Figures.none();
        for (Metric m : metrics) {
            f.putAll(m.baselines(s));
        }
        return f;
    }

    public Figures measure(GanModel model) {
        Snapshot s = new Snapshot(model, data);
        Figures f = Figures.none();
        for (Metric m : metrics) {
            f.putAll(m.measure(s));
        }
        Nd4j.getRandom().setSeed(Seeds.sampling(data.seed()));
        INDArray grid = model.graphs().sample(model.fixedInputs(data.fixed(), data.sampleCount()));
        if (previousGrid != null) {
            f.put("sample_change", Transforms.abs(grid.sub(previousGrid), false).meanNumber().doubleValue());
        }
        previousGrid = grid;
        latest = f;
        latestSnapshot = s;
        return f;
    }

    /** The model of the latest {@link #measure}, with what it computed. */
    public Snapshot latestSnapshot() {
        return latestSnapshot;
    }

    /** The figures of the latest {@link #measure}. */
    public Figures latest() {
        return latest;
    }
}
