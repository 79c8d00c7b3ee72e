package dev.self2face.job.apply;

/**
 * The 1€ filter (Casiez, Roussel, Vogel, CHI 2012) for one noisy signal sampled at irregular times: a low-pass filter
 * whose cutoff rises with the signal's speed, so a still face stops trembling while a moving one does not lag.
 * {@code cutoff = minCutoff + beta * |dx/dt|} (Hz), the derivative itself low-passed at {@code dCutoff}. Written out
 * here because it is a dozen lines and no library on the classpath has it.
 */
public final class OneEuroFilter {
    private final double minCutoff;
    private final double beta;
    private final double dCutoff;
    private double x;
    private double dx;
    private double t;
    private boolean started;

    /**
     * @param minCutoff the cutoff (Hz) when the signal is still: lower = smoother, more lag
     * @param beta      how fast the cutoff rises with speed (per signal unit): higher = less lag when moving
     * @param dCutoff   the cutoff (Hz) of the speed estimate
     */
    public OneEuroFilter(double minCutoff, double beta, double dCutoff) {
        this.minCutoff = minCutoff;
        this.beta = beta;
        this.dCutoff = dCutoff;
    }

    /** The filtered value of sample {@code value} at time {@code tSec} (times increase). */
    public double filter(double value, double tSec) {
        if (!started || tSec <= t) {
            started = true;
            x = value;
            dx = 0;
            t = tSec;
            return value;
        }
        double dt = tSec - t;
        t = tSec;
        double rawDx = (value - x) / dt;
        dx = lowPass(dx, rawDx, alpha(dt, dCutoff));
        double cutoff = minCutoff + beta * Math.abs(dx);
        x = lowPass(x, value, alpha(dt, cutoff));
        return x;
    }

    public void reset() {
        started = false;
    }

    private static double lowPass(double previous, double value, double alpha) {
        return previous + alpha * (value - previous);
    }

    /** The exponential smoothing factor of a first-order low-pass filter at {@code cutoff} Hz for a step of dt. */
    private static double alpha(double dt, double cutoff) {
        double tau = 1.0 / (2 * Math.PI * cutoff);
        return 1.0 / (1.0 + tau / dt);
    }
}
