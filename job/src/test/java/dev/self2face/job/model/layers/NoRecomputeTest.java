package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Conv2DLayer} and {@link Deconv2DLayer} give DL4J's own layers' gradients exactly, computing the layer's
 * output once per forward and backward pass where DL4J's compute it twice (and as often as DL4J's with an
 * activation of their own).
 */
class NoRecomputeTest {
    /** A layer of ours whose pre-activation output computations are counted. */
    private interface Counted {
        int computed();
    }

    private static final class CountedConv extends Conv2DLayer implements Counted {
        private int computed;

        CountedConv(NeuralNetConfiguration conf) {
            super(conf, DataType.FLOAT);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr ws) {
            computed++;
            return super.preOutput(training, forBackprop, ws);
        }

        @Override
        public int computed() {
            return computed;
        }
    }

    private static final class CountedDeconv extends Deconv2DLayer implements Counted {
        private int computed;

        CountedDeconv(NeuralNetConfiguration conf) {
            super(conf, DataType.FLOAT);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr ws) {
            computed++;
            return super.preOutput(training, forBackprop, ws);
        }

        @Override
        public int computed() {
            return computed;
        }
    }

    @Test
    void convolutionsWithoutActivationComputeTheirOutputOnceAndGiveDl4jsGradients() {
        for (Activation a : List.of(Activation.IDENTITY, Activation.TANH)) {
            int expected = a == Activation.IDENTITY ? 1 : 2;
            check(new ConvolutionLayer.Builder(4, 4), new Conv2D.Builder(4, 4), a, CountedConv::new, expected);
            check(new Deconvolution2D.Builder().kernelSize(4, 4), new Deconv2D.Builder(4, 4), a, CountedDeconv::new,
                    expected);
        }
    }

    /**
     * A convolution that never learns (D inside G's training graph) gives DL4J's input gradient — by the transposed
     * convolution instead of DL4J's backward pass, so within float rounding — and leaves its own gradients at zero,
     * for each kind of convolution the discriminators have (stride 2; PatchGAN's stride 1; DCGAN's last, valid).
     */
    @Test
    void aConvolutionThatNeverLearnsGivesDl4jsInputGradientAlone() {
        int[][] shapes = {{2, 1, 8}, {1, 1, 8}, {1, 0, 4}}; // stride, padding, input side
        for (int[] sh : shapes) {
            String what = "stride " + sh[0] + ", padding " + sh[1] + ", side " + sh[2];
            Layer reference = instantiate(configure(new ConvolutionLayer.Builder(4, 4), Activation.IDENTITY, sh[0],
                    sh[1], sh[2]), null);
            NeuralNetConfiguration conf = configure(new Conv2D.Builder(4, 4), Activation.IDENTITY, sh[0], sh[1],
                    sh[2]);
            ((Conv2D) conf.getLayer()).setInputGradientOnly(true);
            Layer layer = instantiate(conf, null);
            Nd4j.getRandom().setSeed(12);
            layer.setParams(Nd4j.randn(DataType.FLOAT, 1, layer.numParams()).muli(0.1));
            reference.setParams(layer.params().dup());
            INDArray input = Nd4j.randn(DataType.FLOAT, 3, 5, sh[2], sh[2]);
            LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
            INDArray out = reference.activate(input.dup(), true, ws);
            assertEquals(out, layer.activate(input.dup(), true, ws), what + ": output");
            INDArray epsilon = Nd4j.randn(DataType.FLOAT, out.shape());
            INDArray expected = reference.backpropGradient(epsilon.dup(), ws).getSecond();
            Pair<Gradient, INDArray> g = layer.backpropGradient(epsilon.dup(), ws);
            double scale = expected.amaxNumber().doubleValue();
            double diff = expected.sub(g.getSecond()).amaxNumber().doubleValue();
            assertTrue(diff < 1e-5 * scale, what + ": input gradient differs by " + diff + " of " + scale);
            for (INDArray own : g.getFirst().gradientForVariable().values()) {
                assertEquals(0.0, own.amaxNumber().doubleValue(), what + ": the layer's own gradients");
            }
        }
    }

    /** DL4J's layer and ours (counted) with the same parameters: one forward and one backward pass each. */
    private static <L extends Layer & Counted> void check(ConvolutionLayer.BaseConvBuilder<?> dl4j,
                                                          ConvolutionLayer.BaseConvBuilder<?> ours, Activation a,
                                                          Function<NeuralNetConfiguration, L> counted,
                                                          int expectedComputations) {
        String what = ours.getClass().getEnclosingClass().getSimpleName() + " with " + a;
        Layer reference = instantiate(configure(dl4j, a), null);
        L layer = instantiate(configure(ours, a), counted);
        Nd4j.getRandom().setSeed(11);
        layer.setParams(Nd4j.randn(DataType.FLOAT, 1, layer.numParams()).muli(0.1));
        reference.setParams(layer.params().dup());
        INDArray input = Nd4j.randn(DataType.FLOAT, 3, 5, 8, 8);

        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        INDArray out = reference.activate(input.dup(), true, ws);
        INDArray outOurs = layer.activate(input.dup(), true, ws);
        assertEquals(out, outOurs, what + ": output");
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, out.shape());
        Pair<Gradient, INDArray> g = reference.backpropGradient(epsilon.dup(), ws);
        Pair<Gradient, INDArray> gOurs = layer.backpropGradient(epsilon.dup(), ws);
        assertEquals(g.getSecond(), gOurs.getSecond(), what + ": input gradient");
        for (String p : g.getFirst().gradientForVariable().keySet()) {
            assertEquals(g.getFirst().getGradientFor(p), gOurs.getFirst().getGradientFor(p), what + ": " + p);
        }
        assertEquals(expectedComputations, layer.computed(), what + ": output computations");
    }

    private static NeuralNetConfiguration configure(ConvolutionLayer.BaseConvBuilder<?> b, Activation a) {
        return configure(b, a, 2, 1, 8);
    }

    private static NeuralNetConfiguration configure(ConvolutionLayer.BaseConvBuilder<?> b, Activation a, int stride,
                                                    int padding, int side) {
        b.stride(stride, stride).padding(padding, padding).convolutionMode(ConvolutionMode.Truncate).nIn(5).nOut(6)
                .activation(a);
        org.deeplearning4j.nn.conf.layers.Layer conf = b.build();
        conf.setNIn(InputType.convolutional(side, side, 5), true);
        return new NeuralNetConfiguration.Builder().layer(conf).build();
    }

    /** The layer of {@code conf}, or (with {@code counted}) our counted implementation of it. */
    @SuppressWarnings("unchecked")
    private static <L extends Layer> L instantiate(NeuralNetConfiguration conf,
                                                   Function<NeuralNetConfiguration, ? extends Layer> counted) {
        org.deeplearning4j.nn.conf.layers.Layer c = conf.getLayer();
        long n = c.initializer().numParams(conf);
        INDArray view = Nd4j.create(DataType.FLOAT, 1, n);
        Layer l;
        if (counted == null) {
            l = c.instantiate(conf, List.of(), 0, view, true, DataType.FLOAT);
        } else {
            l = counted.apply(conf);
            l.setParamsViewArray(view);
            l.setParamTable(c.initializer().init(conf, view, true));
            l.setConf(conf);
        }
        l.setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, n));
        return (L) l;
    }
}
