package dev.self2face.job.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Full-reference image quality of one image against another, both [3, h, w] in [-1, 1] (the models' range, so the
 * data range is fixed at 2 — never taken from an image's own extremes):
 * <ul>
 *   <li>PSNR: 10·log10(range² / MSE) over all pixels and channels;</li>
 *   <li>SSIM (Wang, Bovik, Sheikh and Simoncelli 2004): 11x11 Gaussian window with σ = 1.5 (weights within 3.5 σ),
 *       K1 = 0.01, K2 = 0.03, population (not sample) covariances, borders mirrored (d c b a | a b c d), the mean of
 *       the SSIM map without the 5 border pixels the window overhangs, averaged over the three channels;</li>
 *   <li>MS-SSIM (Wang, Simoncelli and Bovik 2003): the contrast-structure term at each scale and the full SSIM at
 *       the coarsest, weighted 0.0448, 0.2856, 0.3001, 0.2363, 0.1333, halving the side by 2x2 averaging between
 *       scales. Five scales need 256 px (the coarsest is 16 px, the smallest side the window fits in with its
 *       border cropped); smaller images use the scales that fit (3 at 64 px, 4 at 128 px) with the first weights
 *       renormalised to sum 1. Negative terms count as 0, so the fractional powers stay defined. Per channel, then
 *       averaged.</li>
 * </ul>
 * Written here: OpenCV's quality module (the only SSIM among this project's libraries) fixes the data range to 8-bit
 * values, averages the SSIM map over its borders too and has no MS-SSIM. The SSIM settings are scikit-image's
 * {@code structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=2)}, against
 * which the tests check these numbers.
 */
public final class ImageQuality {
    public static final double DATA_RANGE = 2.0;
    private static final double SIGMA = 1.5;
    private static final int RADIUS = (int) (3.5 * SIGMA + 0.5);
    private static final double C1 = Math.pow(0.01 * DATA_RANGE, 2);
    private static final double C2 = Math.pow(0.03 * DATA_RANGE, 2);
    private static final double[] MS_WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    private static final double[] KERNEL = kernel();

    private ImageQuality() {
    }

    private static double[] kernel() {
        double[] k = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            k[i + RADIUS] = Math.exp(-0.5 * i * i / (SIGMA * SIGMA));
            sum += k[i + RADIUS];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    public static double psnr(INDArray a, INDArray b) {
        double mse = a.castTo(DataType.DOUBLE)
                .squaredDistance(b.castTo(DataType.DOUBLE)) / a.length();
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(DATA_RANGE * DATA_RANGE / mse);
    }

    public static double ssim(INDArray a, INDArray b) {
        Planes x = Planes.of(a);
        Planes y = Planes.of(b);
        double sum = 0;
        for (int c = 0; c < x.channels; c++) {
            sum += ssimAndCs(x.channel(c), y.channel(c))[0];
        }
        return sum / x.channels;
    }

    /** Scales of MS-SSIM for a side: at most 5, the coarsest at least 16 px. */
    public static int msScales(int side) {
        int scales = 1;
        while (scales < MS_WEIGHTS.length && side >> scales >= 16) {
            scales++;
        }
        return scales;
    }

    public static double msSsim(INDArray a, INDArray b) {
        Planes px = Planes.of(a);
        Planes py = Planes.of(b);
        int scales = msScales(Math.min(px.h, px.w));
        double wSum = 0;
        for (int j = 0; j < scales; j++) {
            wSum += MS_WEIGHTS[j];
        }
        double sum = 0;
        for (int c = 0; c < px.channels; c++) {
            double[][] x = px.channel(c);
            double[][] y = py.channel(c);
            double ms = 1;
            for (int j = 0; j < scales; j++) {
                double[] sc = ssimAndCs(x, y);
                double term = j == scales - 1 ? sc[0] : sc[1];
                ms *= Math.pow(Math.max(0, term), MS_WEIGHTS[j] / wSum);
                if (j < scales - 1) {
                    x = halve(x);
                    y = halve(y);
                }
            }
            sum += ms;
        }
        return sum / px.channels;
    }

    /** An image [c, h, w] copied out of ND4J once, as rows of doubles per channel. */
    private record Planes(double[] v, int channels, int h, int w) {
        static Planes of(INDArray img) {
            double[] v = img.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            return new Planes(v, (int) img.size(0), (int) img.size(1), (int) img.size(2));
        }

        double[][] channel(int c) {
            double[][] out = new double[h][w];
            for (int i = 0; i < h; i++) {
                System.arraycopy(v, (c * h + i) * w, out[i], 0, w);
            }
            return out;
        }
    }

    /** {mean SSIM, mean contrast-structure} over the map without its border. */
    static double[] ssimAndCs(double[][] x, double[][] y) {
        int h = x.length;
        int w = x[0].length;
        double[][] xx = new double[h][w];
        double[][] yy = new double[h][w];
        double[][] xy = new double[h][w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                xx[i][j] = x[i][j] * x[i][j];
                yy[i][j] = y[i][j] * y[i][j];
                xy[i][j] = x[i][j] * y[i][j];
            }
        }
        double[][] ux = blur(x);
        double[][] uy = blur(y);
        double[][] uxx = blur(xx);
        double[][] uyy = blur(yy);
        double[][] uxy = blur(xy);
        double ssim = 0;
        double cs = 0;
        int n = 0;
        for (int i = RADIUS; i < h - RADIUS; i++) {
            for (int j = RADIUS; j < w - RADIUS; j++) {
                double mx = ux[i][j];
                double my = uy[i][j];
                double vx = uxx[i][j] - mx * mx;
                double vy = uyy[i][j] - my * my;
                double vxy = uxy[i][j] - mx * my;
                double contrastStructure = (2 * vxy + C2) / (vx + vy + C2);
                ssim += (2 * mx * my + C1) / (mx * mx + my * my + C1) * contrastStructure;
                cs += contrastStructure;
                n++;
            }
        }
        return new double[] {ssim / n, cs / n};
    }

    /** Separable Gaussian filter, borders mirrored including the edge pixel (scipy's "reflect"). */
    private static double[][] blur(double[][] img) {
        int h = img.length;
        int w = img[0].length;
        int[] cols = mirrored(w);
        int[] rowsIdx = mirrored(h);
        double[][] rows = new double[h][w];
        for (int i = 0; i < h; i++) {
            double[] in = img[i];
            double[] out = rows[i];
            for (int j = 0; j < w; j++) {
                double s = 0;
                for (int k = 0; k < KERNEL.length; k++) {
                    s += KERNEL[k] * in[cols[j + k]];
                }
                out[j] = s;
            }
        }
        double[][] out = new double[h][w];
        for (int i = 0; i < h; i++) {
            double[] o = out[i];
            for (int k = 0; k < KERNEL.length; k++) {
                double kk = KERNEL[k];
                double[] in = rows[rowsIdx[i + k]];
                for (int j = 0; j < w; j++) {
                    o[j] += kk * in[j];
                }
            }
        }
        return out;
    }

    /** For positions −RADIUS … n − 1 + RADIUS (shifted by RADIUS), the mirrored index inside [0, n). */
    private static int[] mirrored(int n) {
        int[] idx = new int[n + 2 * RADIUS];
        for (int p = 0; p < idx.length; p++) {
            int i = p - RADIUS;
            while (i < 0 || i >= n) {
                i = i < 0 ? -i - 1 : 2 * n - i - 1;
            }
            idx[p] = i;
        }
        return idx;
    }

    /** Halves the side by averaging 2x2 blocks (an odd last row or column is dropped). */
    private static double[][] halve(double[][] img) {
        int h = img.length / 2;
        int w = img[0].length / 2;
        double[][] out = new double[h][w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                out[i][j] = (img[2 * i][2 * j] + img[2 * i + 1][2 * j] + img[2 * i][2 * j + 1]
                        + img[2 * i + 1][2 * j + 1]) / 4;
            }
        }
        return out;
    }
}
