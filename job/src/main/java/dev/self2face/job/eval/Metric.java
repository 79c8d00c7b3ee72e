package dev.self2face.job.eval;

import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelType;

/**
 * A quality measurement of a model, chosen by name in {@code training.metrics} and found in the
 * {@link MetricRegistry}. It runs at every sample step and at the end of a run (metrics.jsonl, evaluation.json,
 * loss.png show whatever figures it gives); baselines are measured once, when a run starts.
 */
public interface Metric {
    /** The name in {@code training.metrics}; also the name of its main figure. */
    String name();

    /** Whether it can measure models of {@code type} (by what their generator takes). */
    boolean appliesTo(ModelType type);

    /** Figures a model must beat, measured once at the start of a run with the untrained model. */
    default Figures baselines(GanModel untrained, EvalData data) {
        return Figures.none();
    }

    Figures measure(GanModel model, EvalData data);
}
