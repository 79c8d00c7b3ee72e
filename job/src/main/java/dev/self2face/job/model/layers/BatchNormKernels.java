package dev.self2face.job.model.layers;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * Batch normalisation's training-mode arithmetic on NCHW float arrays, one channel at a time (channels in parallel):
 * the batch statistics, the normalisation, and the backward pass. Written by hand because ND4J 1.0.0-M2.1 has no
 * fast path for them: its variance reduction over (N, H, W) and its {@code batchnorm_bp} op take 5–13× the time of
 * PyTorch's {@code BatchNorm2d} on the same arrays (docs/BENCHMARKS.md), where these loops are two passes over the
 * data each way. Statistics are accumulated in double; the variance is the biased one, around the mean (two passes),
 * as DL4J's batch norm computes it.
 */
final class BatchNormKernels {
    private BatchNormKernels() {
    }

    /** Per-channel mean and biased variance of {@code x} [n, c, plane] into {@code mean} and {@code var}. */
    static void statistics(FloatBuffer x, int n, int c, int plane, float[] mean, float[] var) {
        long count = (long) n * plane;
        IntStream.range(0, c).parallel().forEach(ch -> {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    sum += x.get(base + p);
                }
            }
            double m = sum / count;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    double d = x.get(base + p) - m;
                    squares += d * d;
                }
            }
            mean[ch] = (float) m;
            var[ch] = (float) (squares / count);
        });
    }

    /** y = (x − mean) / sqrt(var + eps) · gamma + beta, per channel. */
    static void normalise(FloatBuffer x, FloatBuffer y, int n, int c, int plane, float[] mean, float[] var,
                          float[] gamma, float[] beta, double eps) {
        IntStream.range(0, c).parallel().forEach(ch -> {
            float k = (float) (gamma[ch] / Math.sqrt(var[ch] + eps));
            float b = beta[ch] - mean[ch] * k;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    y.put(base + p, x.get(base + p) * k + b);
                }
            }
        });
    }

    /**
     * The backward pass with the batch's own statistics: dBeta = Σ dy, dGamma = Σ dy·x̂, and
     * dx = gamma / σ · (dy − dBeta / m − x̂ · dGamma / m), with x̂ = (x − mean) / σ, σ = sqrt(var + eps), m = n·plane.
     */
    static void backward(FloatBuffer x, FloatBuffer dy, FloatBuffer dx, int n, int c, int plane, float[] mean,
                         float[] var, float[] gamma, double eps, float[] dGamma, float[] dBeta) {
        long count = (long) n * plane;
        IntStream.range(0, c).parallel().forEach(ch -> {
            double inv = 1 / Math.sqrt(var[ch] + eps);
            float m = mean[ch];
            double sumDy = 0;
            double sumDyXc = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    float g = dy.get(base + p);
                    sumDy += g;
                    sumDyXc += g * (x.get(base + p) - m);
                }
            }
            dBeta[ch] = (float) sumDy;
            dGamma[ch] = (float) (sumDyXc * inv);
            // dx = a·dy + b·(x − mean) + d
            float a = (float) (gamma[ch] * inv);
            float b = (float) (-gamma[ch] * inv * inv * inv * sumDyXc / count);
            float d = (float) (-gamma[ch] * inv * sumDy / count - b * m);
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    dx.put(base + p, a * dy.get(base + p) + b * x.get(base + p) + d);
                }
            }
        });
    }
}
