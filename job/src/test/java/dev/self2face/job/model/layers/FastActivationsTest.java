package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link FastLeakyReLU} and {@link FastReLU} give DL4J's activations' values and gradients exactly. */
class FastActivationsTest {
    /** Random values with exact zeros (as after dropout or ReLU), negative zeros and large magnitudes among them. */
    private static INDArray awkward(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 8, 16, 16).muli(3);
        float[] v = x.data().asFloat();
        for (int i = 0; i < v.length; i += 7) {
            v[i] = 0f;
        }
        for (int i = 3; i < v.length; i += 11) {
            v[i] = -0f;
        }
        v[5] = 1e30f;
        v[6] = -1e30f;
        return Nd4j.create(v, x.shape(), 'c');
    }

    @Test
    void valuesAndGradientsEqualDl4jsOwnActivations() {
        List<IActivation[]> pairs = List.of(
                new IActivation[] {new ActivationLReLU(0.2), new FastLeakyReLU(0.2)},
                new IActivation[] {new ActivationLReLU(0.01), new FastLeakyReLU(0.01)},
                new IActivation[] {new ActivationReLU(), new FastReLU()});
        for (IActivation[] p : pairs) {
            INDArray x = awkward(7);
            INDArray eps = Nd4j.randn(DataType.FLOAT, x.shape());
            assertEquals(p[0].getActivation(x.dup(), true), p[1].getActivation(x.dup(), true), p[1] + " forward");
            INDArray theirs = p[0].backprop(x.dup(), eps.dup()).getFirst();
            INDArray ours = p[1].backprop(x.dup(), eps.dup()).getFirst();
            assertEquals(theirs, ours, p[1] + " backward");
        }
    }

    @Test
    void aGraphWithThemTrainsAsWithDl4jsAndSurvivesItsJson() {
        ComputationGraph dl4j = graph(new ActivationLReLU(0.2), new ActivationReLU());
        ComputationGraph ours = graph(new FastLeakyReLU(0.2), new FastReLU());
        assertEquals(dl4j.params(), ours.params());
        Nd4j.getRandom().setSeed(3);
        INDArray in = Nd4j.randn(DataType.FLOAT, 4, 3, 16, 16);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 4, 1, 8, 8);
        for (int i = 0; i < 3; i++) {
            dl4j.fit(new DataSet(in, labels));
            ours.fit(new DataSet(in, labels));
        }
        assertEquals(dl4j.params(), ours.params(), "parameters after three Adam steps");
        assertEquals(dl4j.getUpdater().getStateViewArray(), ours.getUpdater().getStateViewArray());

        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(ours.getConfiguration().toJson());
        ComputationGraph restored = new ComputationGraph(back);
        restored.init(ours.params().dup(), false);
        IActivation lrelu = ((ActivationLayer) restored.getLayer("lrelu").conf().getLayer()).getActivationFn();
        assertInstanceOf(FastLeakyReLU.class, lrelu);
        assertEquals(0.2, ((FastLeakyReLU) lrelu).getAlpha());
        assertInstanceOf(FastReLU.class, ((ActivationLayer) restored.getLayer("relu").conf().getLayer())
                .getActivationFn());
        assertEquals(ours.outputSingle(in), restored.outputSingle(in));
    }

    @Test
    void aSlopeOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FastLeakyReLU(1.5));
    }

    private static ComputationGraph graph(IActivation lrelu, IActivation relu) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(11)
                .updater(new Adam(1e-2, 0.5, 0.999, 1e-8)).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(16, 16, 3))
                .addLayer("conv", new Conv2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(8).hasBias(false)
                        .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().eps(1e-5).decay(0.9).build(), "conv")
                .addLayer("lrelu", new ActivationLayer.Builder().activation(lrelu).build(), "bn")
                .addLayer("conv2", new Conv2D.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(8)
                        .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate).build(), "lrelu")
                .addLayer("relu", new ActivationLayer.Builder().activation(relu).build(), "conv2")
                .addLayer("out", new Conv2D.Builder(1, 1).nOut(1).activation(Activation.IDENTITY)
                        .convolutionMode(ConvolutionMode.Truncate).build(), "relu")
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).build(), "out")
                .setOutputs("loss").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
