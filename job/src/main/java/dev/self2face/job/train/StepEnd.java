package dev.self2face.job.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.self2face.job.data.Seeds;
import dev.self2face.job.eval.QualityWarning;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.run.RunStore;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * What both trainers do at the end of a step (local) or a round (Spark): stop if the logged losses diverged, measure
 * the run's metrics on sample steps, append the metrics line, write the sample grid, report progress, checkpoint.
 */
final class StepEnd {
    private final TrainSettings t;
    private final RunStore run;
    private final TrainingStart start;
    private final TrainProgress progress;
    private final String unit;
    private final long last;
    private final long imagesPerStep;

    /**
     * @param unit          "step" or "round": names the sample grids and the divergence error
     * @param imagesPerStep images through D per step or round (adaptive augmentation's pace)
     */
    StepEnd(TrainSettings t, RunStore run, TrainingStart start, TrainProgress progress, String unit, long last,
            long imagesPerStep) {
        this.imagesPerStep = imagesPerStep;
        this.t = t;
        this.run = run;
        this.start = start;
        this.progress = progress;
        this.unit = unit;
        this.last = last;
    }

    /** The first step is always logged: its D(x) and D(G(z)) are the untrained networks'. */
    boolean logs(long step) {
        return step == 1 || step % t.logEvery() == 0 || step == last;
    }

    /**
     * @param losses the step's figures (empty on steps that are not logged)
     * @param line   the metrics line's own fields (step, speed, …), to which the figures are added
     */
    void after(long step, Figures losses, Supplier<ObjectNode> line) throws IOException {
        boolean log = logs(step);
        if (log && !losses.finite()) {
            throw new IllegalStateException("training diverged at " + unit + " " + step + ": " + losses);
        }
        GanModel model = start.model();
        boolean sample = step % t.sampleEvery() == 0 || step == last;
        if (log) {
            AdaptiveAugment.adjust(model, start.state(), step, losses, imagesPerStep);
            ObjectNode n = line.get();
            MetricsLog.put(n, losses);
            MetricsLog.putWarnings(n, start.watch().afterLosses(step, losses));
            start.metrics().append(n);
        }
        if (sample) {
            Figures figures = start.evaluator().measure(model);
            List<QualityWarning> warnings = start.watch().afterEvaluation(step, figures, start.state().baselines);
            start.metrics().append(MetricsLog.evaluationLine(step, figures, warnings));
        }
        warnNew();
        if (sample) {
            run.write(String.format("samples/%s-%08d.png", unit, step), grid(model, start, t));
        }
        progress.step(step, losses);
        if (t.checkpointEvery() > 0 && step % t.checkpointEvery() == 0 && step < last) {
            start.state().step = step;
            Checkpoints.save(run, model, start.state(), t.keepCheckpoints());
        }
    }

    /** Each warning code on the console once per run, when first raised. */
    private void warnNew() {
        List<QualityWarning> raised = start.watch().raised();
        for (QualityWarning w : raised.subList(start.state().warnings.size(), raised.size())) {
            TrainProgress.warn("quality warning " + w + " (docs/QUALITY.md)");
        }
        start.state().warnings = raised;
    }

    /** The model's grid from the run's fixed inputs, with G's randomness (dropout) the same at every step. */
    static byte[] grid(GanModel model, TrainingStart start, TrainSettings t) {
        Nd4j.getRandom().setSeed(Seeds.sampling(t.seed()));
        return model.sampleGrid(start.fixed(), t.sampleCount());
    }
}
