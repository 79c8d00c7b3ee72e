package dev.self2face.job.apply;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 1€ filter: steady when still, little lag when moving, and the beta trade-off between them. */
class OneEuroFilterTest {
    /** Mean absolute error against the true signal of a noisy 25 fps signal, after the first second. */
    static double error(OneEuroFilter f, boolean moving, double noise) {
        Random r = new Random(7);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 500; i++) {
            double t = i / 25.0;
            double truth = moving ? 200 * t : 100;
            double out = f.filter(truth + noise * r.nextGaussian(), t);
            if (t >= 1) {
                sum += Math.abs(out - truth);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void aStillNoisyPointIsSteadied() {
        double raw = error(new OneEuroFilter(1e6, 0, 1), false, 2.0); // a cutoff that high passes everything
        double filtered = error(new OneEuroFilter(1.0, 0.05, 1.0), false, 2.0);
        assertTrue(raw > 1.4 && raw < 1.8, "raw error ~ noise * sqrt(2/pi): " + raw);
        assertTrue(filtered < 0.6 * raw, "filtered " + filtered + " vs raw " + raw);
    }

    @Test
    void betaTradesStillnessForLagInMotion() {
        double lagLowBeta = error(new OneEuroFilter(1.0, 0.0, 1.0), true, 0);
        double lagHighBeta = error(new OneEuroFilter(1.0, 0.05, 1.0), true, 0);
        assertTrue(lagLowBeta > 25, "a fixed 1 Hz low-pass lags a 200 px/s motion by ~32 px: " + lagLowBeta);
        assertTrue(lagHighBeta < 0.25 * lagLowBeta, "beta lifts the cutoff when moving: " + lagHighBeta);
    }

    @Test
    void theFirstSampleAndAResetPassThrough() {
        OneEuroFilter f = new OneEuroFilter(1.0, 0.05, 1.0);
        assertEquals(10.0, f.filter(10.0, 0.0));
        assertTrue(f.filter(50.0, 0.04) < 50.0);
        f.reset();
        assertEquals(50.0, f.filter(50.0, 0.08));
    }
}
