package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * {@link DiffAugment}'s forward and backward passes on NCHW images. Every transform is linear in the image once its
 * random numbers are drawn (a shift, a mask, per-image scale and offset around channel or image means), so the
 * backward pass applies the transposed maps in reverse order; the numbers drawn in the forward pass are kept for it.
 * Randomness comes from ND4J's generator, which the trainers seed from (seed, step): runs stay reproducible.
 */
public class DiffAugmentLayer extends AbstractLayer<DiffAugment> {
    /** The random numbers of one forward pass, per image. */
    record Draw(double[] brightness, double[] saturation, double[] contrast, int[] shiftY, int[] shiftX,
                int[] cutY, int[] cutX, int cutSide) {
    }

    private Draw draw;

    public DiffAugmentLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (!training) {
            draw = null;
            return mgr.dup(ArrayType.ACTIVATIONS, input);
        }
        draw = draw(input.size(0), (int) input.size(2), Nd4j.getRandom());
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        out.assign(forward(input, draw));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray g = draw == null ? epsilon.dup() : backward(epsilon, draw);
        return new Pair<>(new DefaultGradient(), mgr.leverageTo(ArrayType.ACTIVATION_GRAD, g));
    }

    /** Draws the transforms of {@code n} images of side {@code side} (no draw for a policy that is off). */
    Draw draw(long n, int side, Random rng) {
        DiffAugment c = layerConf();
        int k = (int) n;
        double p = c.getProbability();
        double[] b = new double[k];
        double[] s = new double[k];
        double[] ct = new double[k];
        int[] ty = new int[k];
        int[] tx = new int[k];
        int[] cy = new int[k];
        int[] cx = new int[k];
        java.util.Arrays.fill(s, 1);
        java.util.Arrays.fill(ct, 1);
        java.util.Arrays.fill(cy, Integer.MIN_VALUE);
        int shift = side / 8;
        int cut = side / 2;
        for (int i = 0; i < k; i++) {
            if (c.isColour() && rng.nextDouble() < p) {
                b[i] = rng.nextDouble() - 0.5;
                s[i] = rng.nextDouble() * 2;
                ct[i] = rng.nextDouble() + 0.5;
            }
            if (c.isTranslation() && rng.nextDouble() < p) {
                ty[i] = rng.nextInt(2 * shift + 1) - shift;
                tx[i] = rng.nextInt(2 * shift + 1) - shift;
            }
            if (c.isCutout() && rng.nextDouble() < p) {
                cy[i] = rng.nextInt(side + (1 - cut % 2)) - cut / 2;
                cx[i] = rng.nextInt(side + (1 - cut % 2)) - cut / 2;
            }
        }
        return new Draw(b, s, ct, ty, tx, cy, cx, cut);
    }

    /** The augmented images for a draw. */
    INDArray forward(INDArray x, Draw d) {
        INDArray out = x.dup('c');
        int from = layerConf().getColourFrom();
        for (int i = 0; i < d.brightness().length; i++) {
            INDArray img = out.get(point(i), all(), all(), all());
            if (layerConf().isColour()) {
                INDArray rgb = img.get(interval(from, from + 3), all(), all());
                rgb.addi(d.brightness()[i]);
                INDArray channelMean = rgb.mean(true, 0).broadcast(rgb.shape());
                rgb.muli(d.saturation()[i]).addi(channelMean.muli(1 - d.saturation()[i]));
                double mean = rgb.meanNumber().doubleValue();
                rgb.muli(d.contrast()[i]).addi(mean * (1 - d.contrast()[i]));
            }
            img.assign(shift(img, d.shiftY()[i], d.shiftX()[i]));
            cut(img, d, i);
        }
        return out;
    }

    /** The gradient with respect to the input, for the gradient {@code g} with respect to the output. */
    INDArray backward(INDArray g, Draw d) {
        INDArray out = g.dup('c');
        int from = layerConf().getColourFrom();
        for (int i = 0; i < d.brightness().length; i++) {
            INDArray img = out.get(point(i), all(), all(), all());
            cut(img, d, i);
            img.assign(shift(img, -d.shiftY()[i], -d.shiftX()[i]));
            if (layerConf().isColour()) {
                INDArray rgb = img.get(interval(from, from + 3), all(), all());
                // contrast: y = c·x + (1 − c)·mean(x) -> dx = c·dy + (1 − c)·mean(dy)
                double mean = rgb.meanNumber().doubleValue();
                rgb.muli(d.contrast()[i]).addi(mean * (1 - d.contrast()[i]));
                // saturation: the same with the mean over channels, per pixel; brightness: dx = dy
                INDArray channelMean = rgb.mean(true, 0).broadcast(rgb.shape());
                rgb.muli(d.saturation()[i]).addi(channelMean.muli(1 - d.saturation()[i]));
            }
        }
        return out;
    }

    /** Image [c, h, w] moved by (dy, dx) pixels, zeros where nothing moves in. */
    private static INDArray shift(INDArray img, int dy, int dx) {
        if (dy == 0 && dx == 0) {
            return img.dup();
        }
        long h = img.size(1);
        long w = img.size(2);
        INDArray out = Nd4j.zeros(img.dataType(), img.shape());
        long y0 = Math.max(0, dy);
        long y1 = Math.min(h, h + dy);
        long x0 = Math.max(0, dx);
        long x1 = Math.min(w, w + dx);
        if (y1 > y0 && x1 > x0) {
            out.get(all(), interval(y0, y1), interval(x0, x1))
                    .assign(img.get(all(), interval(y0 - dy, y1 - dy), interval(x0 - dx, x1 - dx)));
        }
        return out;
    }

    /** Zeroes image i's cutout square (clipped to the image), if it has one. */
    private static void cut(INDArray img, Draw d, int i) {
        if (d.cutY()[i] == Integer.MIN_VALUE) {
            return;
        }
        long h = img.size(1);
        long w = img.size(2);
        long y0 = Math.max(0, d.cutY()[i]);
        long y1 = Math.min(h, (long) d.cutY()[i] + d.cutSide());
        long x0 = Math.max(0, d.cutX()[i]);
        long x1 = Math.min(w, (long) d.cutX()[i] + d.cutSide());
        if (y1 > y0 && x1 > x0) {
            img.get(all(), interval(y0, y1), interval(x0, x1)).assign(0);
        }
    }

    @Override
    public double calcRegularizationScore(boolean backpropOnlyParams) {
        return 0;
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }

    @Override
    public INDArray params() {
        return null;
    }
}
