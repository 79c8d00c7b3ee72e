package dev.self2face.job.model.layers;

import dev.self2face.job.data.Batch;
import dev.self2face.job.model.DcGan;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.model.ModelType;
import dev.self2face.job.model.Pix2Pix;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class SpectralNormTest {
    static final int STEPS = 100;

    /** The largest singular value of a layer's kernel matrix [nOut, rest], by many power iterations from scratch. */
    public static double largestSingularValue(Layer l) {
        INDArray w = l.getParam(ConvolutionParamInitializer.WEIGHT_KEY).castTo(DataType.DOUBLE);
        INDArray m = w.reshape('c', w.size(0), w.length() / w.size(0));
        INDArray v = Nd4j.rand(DataType.DOUBLE, m.size(1), 1);
        for (int i = 0; i < 2000; i++) {
            INDArray u = m.mmul(v);
            u.divi(u.norm2Number());
            v = m.transpose().mmul(u);
            v.divi(v.norm2Number());
        }
        return m.mmul(v).norm2Number().doubleValue();
    }

    @Test
    void everyNormalisedKernelHasLargestSingularValueOneAfterTrainingSteps() {
        for (ModelType kind : List.of(DcGan.TYPE, Pix2Pix.TYPE)) {
            ModelSettings s = new ModelSettings(kind.id(), 64, 16, 8, 8, 100.0, true, 5, 2e-4, 0.5, 0.999, 11);
            GanModel m = s.create();
            Nd4j.getRandom().setSeed(5);
            for (int step = 0; step < STEPS; step++) {
                INDArray real = Nd4j.rand(DataType.FLOAT, 4, 3, 64, 64).muli(2).subi(1);
                m.step(new Batch(real.dup(), real), false);
            }
            int checked = 0;
            for (Layer l : m.graphs().discriminator().getLayers()) {
                if (l instanceof SpectralNormConvolution) {
                    // the layer computes with W / sigma: its largest singular value is largest(W) / sigma
                    double effective = largestSingularValue(l) / SpectralNorm.sigma(l);
                    System.err.println("EFFECTIVE " + kind.id() + " " + l.conf().getLayer().getLayerName() + " " + effective);
                    assertEquals(1.0, effective, 0.02, kind.id() + " " + l.conf().getLayer().getLayerName());
                    checked++;
                }
            }
            assertTrue(checked >= 5, kind.id() + ": every D convolution is spectrally normalised (" + checked + ")");
            assertTrue(!SpectralNorm.any(m.graphs().generator()), "G is not normalised");
        }
    }

    @Test
    void gradientCheckPasses() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                    .dataType(DataType.DOUBLE).seed(3).updater(new NoOp())
                    .weightInit(new NormalDistribution(0, 0.5))
                    .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(8, 8, 3))
                    .addLayer("sn1", new SpectralNormConv2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(4)
                            .activation(Activation.TANH).convolutionMode(ConvolutionMode.Truncate).build(), "in")
                    .addLayer("sn2", new SpectralNormConv2D.Builder(4, 4).stride(1, 1).padding(0, 0).nOut(2)
                            .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate).build(), "sn1")
                    .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                            .activation(Activation.IDENTITY).build(), "sn2")
                    .setOutputs("out").build();
            ComputationGraph g = new ComputationGraph(conf);
            g.init();
            SpectralNorm.iterate(g, 3); // u near, not at, the singular vector: the gradient must hold anywhere
            INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 3, 8, 8);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 2, 1, 1);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                    .inputs(new INDArray[] {in}).labels(new INDArray[] {labels})
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                    // u is the power iteration's state, not a trained parameter (the paper holds it constant)
                    .excludeParams(Set.of("sn1_u", "sn2_u")));
            assertTrue(ok, "DL4J gradient check of the spectrally normalised convolution");
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }
}
