package dev.self2face.job.apply;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Paths between two latent vectors: straight, and along the great circle (slerp, as DCGAN walks are drawn). */
public final class Interpolation {
    private Interpolation() {
    }

    public static INDArray linear(INDArray a, INDArray b, double t) {
        return a.mul(1 - t).add(b.mul(t));
    }

    /** Spherical interpolation; linear when the two are (nearly) parallel. */
    public static INDArray spherical(INDArray a, INDArray b, double t) {
        double cos = a.mul(b).sumNumber().doubleValue()
                / (a.norm2Number().doubleValue() * b.norm2Number().doubleValue());
        double omega = Math.acos(Math.max(-1, Math.min(1, cos)));
        if (Math.abs(Math.sin(omega)) < 1e-6) {
            return linear(a, b, t);
        }
        double s = Math.sin(omega);
        return a.mul(Math.sin((1 - t) * omega) / s).add(b.mul(Math.sin(t * omega) / s));
    }
}
