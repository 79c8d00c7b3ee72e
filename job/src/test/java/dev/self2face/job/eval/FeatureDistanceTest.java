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
 * Fréchet distance and KID against NumPy/SciPy on fixed feature vectors ({@code quality/reference.json}, made by
 * {@code job/test-tools/quality-reference.py} with {@code scipy.linalg.sqrtm}); the vectors are rebuilt here.
 */
class FeatureDistanceTest {
    static INDArray features(long seed, int n, int d, double scale, double shift) {
        double[] r = ImageQualityTest.lcg(seed, n * d);
        for (int i = 0; i < r.length; i++) {
            r[i] = r[i] * scale + shift;
        }
        return Nd4j.create(r, new long[] {n, d}, DataType.DOUBLE);
    }

    @Test
    void matchesNumpyAndScipy() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/quality/reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int n = 0;
        for (JsonNode c : ref.get("features")) {
            int d = c.get("d").asInt();
            INDArray a = features(c.get("seed_a").asLong(), c.get("n_a").asInt(), d, c.get("scale_a").asDouble(),
                    c.get("shift_a").asDouble());
            INDArray b = features(c.get("seed_b").asLong(), c.get("n_b").asInt(), d, c.get("scale_b").asDouble(),
                    c.get("shift_b").asDouble());
            double fd = c.get("frechet").asDouble();
            assertEquals(fd, FeatureDistance.frechet(a, b), 1e-6 * Math.max(1, fd), c.toString());
            assertEquals(c.get("kid").asDouble(), FeatureDistance.kid(a, b), 1e-9, c.toString());
            n++;
        }
        assertEquals(2, n);
    }

    @Test
    void aSetIsAtDistanceZeroFromItself() {
        INDArray a = features(21, 50, 6, 1, 0);
        assertEquals(0, FeatureDistance.frechet(a, a.dup()), 1e-9);
    }
}
