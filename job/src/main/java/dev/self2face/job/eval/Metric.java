package dev.self2face.job.eval;

import dev.self2face.job.model.Figures;
import dev.self2face.job.model.ModelType;

/**
 * A quality measurement of a model, chosen by name in {@code training.metrics} and found in the
 * {@link MetricRegistry}. It runs at every sample step and at the end of a run (metrics.jsonl, evaluation.json,
 * loss.png and the report show whatever figures it gives); its baselines — what a model must beat — are measured
 * once, when a run starts, with the untrained model.
 */
public interface Metric {
    /** The name in {@code training.metrics}; also the name of its main figure. */
    String name();

    /** Whether it can measure models of {@code type} (by what their generator takes). */
    boolean appliesTo(ModelType type);

    /** Whether a larger main figure is better (PSNR, SSIM) or worse (L1, distances). */
    boolean higherIsBetter();

    default Figures baselines(Snapshot untrained) {
        return Figures.none();
    }

    Figures measure(Snapshot s);
}
