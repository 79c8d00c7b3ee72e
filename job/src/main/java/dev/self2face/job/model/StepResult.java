package dev.self2face.job.model;

/**
 * What one training step reports. The losses are the papers' (means over images or patches, binary cross-entropy
 * on D's sigmoid output); {@code dReal} and {@code dFake} are mean D(x) and D(G(z)) before D's update. Values a step
 * did not measure (diagnostics are computed on logging steps only; L1 exists only for pix2pix) are NaN.
 */
public record StepResult(double dLoss, double gLoss, double gL1, double dReal, double dFake) {
    public static StepResult unmeasured() {
        return new StepResult(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean finite() {
        return Double.isFinite(dLoss) && Double.isFinite(gLoss) && Double.isFinite(dReal) && Double.isFinite(dFake);
    }
}
