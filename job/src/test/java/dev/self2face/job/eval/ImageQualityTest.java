package dev.self2face.job.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PSNR, SSIM and MS-SSIM against scikit-image's values for the same fixed image pairs, stored in
 * {@code quality/reference.json} by {@code job/test-tools/quality-reference.py}; the pairs are rebuilt here from the
 * same formula.
 */
class ImageQualityTest {
    /** The script's pseudo-random numbers in [-1, 1). */
    static double[] lcg(long seed, int n) {
        double[] out = new double[n];
        long x = seed;
        for (int i = 0; i < n; i++) {
            x = (1103515245L * x + 12345L) % (1L << 31);
            out[i] = x / (double) (1L << 31) * 2 - 1;
        }
        return out;
    }

    /** The script's image: smooth stripes, shifted, plus noise, clipped to [-1, 1], as floats [3, size, size]. */
    static INDArray image(int size, long seed, double noise, int shift) {
        double[] r = lcg(seed, 3 * size * size);
        float[] v = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    int k = (c * size + i) * size + j;
                    double base = 0.6 * Math.sin(0.11 * (i + shift) * (c + 1) + 0.07 * j) * Math.cos(0.05 * j - 0.13 * c);
                    v[k] = (float) Math.max(-1, Math.min(1, base + noise * r[k]));
                }
            }
        }
        return Nd4j.create(v, new long[] {3, size, size}, DataType.FLOAT);
    }

    @Test
    void matchesScikitImageOnFixedPairs() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/quality/reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int n = 0;
        for (JsonNode c : ref.get("cases")) {
            int size = c.get("size").asInt();
            INDArray a = image(size, c.get("seed_a").asLong(), c.get("noise_a").asDouble(), 0);
            INDArray b = image(size, c.get("seed_b").asLong(), c.get("noise_b").asDouble(), c.get("shift_b").asInt());
            String what = "case " + c;
            assertEquals(c.get("psnr").asDouble(), ImageQuality.psnr(a, b), 1e-4, what);
            assertEquals(c.get("ssim").asDouble(), ImageQuality.ssim(a, b), 1e-5, what);
            assertEquals(c.get("ms_scales").asInt(), ImageQuality.msScales(size), what);
            assertEquals(c.get("ms_ssim").asDouble(), ImageQuality.msSsim(a, b), 1e-5, what);
            n++;
        }
        assertEquals(4, n);
    }

    @Test
    void anImageAgainstItselfIsPerfect() {
        INDArray a = image(64, 9, 0.2, 0);
        assertEquals(1.0, ImageQuality.ssim(a, a.dup()), 1e-12);
        assertEquals(1.0, ImageQuality.msSsim(a, a.dup()), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, ImageQuality.psnr(a, a.dup()));
        assertEquals(3, ImageQuality.msScales(64));
        assertEquals(4, ImageQuality.msScales(128));
        assertEquals(5, ImageQuality.msScales(256));
    }
}
