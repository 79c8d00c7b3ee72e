package dev.self2face.job.eval;

import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanModel;

import java.util.List;

/** A run's chosen metrics on its fixed evaluation data: the baselines once, the figures at each sample step. */
public record Evaluator(List<Metric> metrics, EvalData data) {

    public Figures baselines(GanModel untrained) {
        Figures f = Figures.none();
        for (Metric m : metrics) {
            f.putAll(m.baselines(untrained, data));
        }
        return f;
    }

    public Figures measure(GanModel model) {
        Figures f = Figures.none();
        for (Metric m : metrics) {
            f.putAll(m.measure(model, data));
        }
        return f;
    }
}
