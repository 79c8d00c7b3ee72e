package dev.self2face.job.backend;

import dev.self2face.job.model.DcGan;
import dev.self2face.job.model.GanGraphs;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.model.ModelType;
import dev.self2face.job.model.Pix2Pix;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's oneDNN layer helpers are in use in a self2face JVM (batch norm's training passes by self2face's own
 * arithmetic), and give DL4J's own layers' numbers: outputs, gradients and batch norm's running statistics.
 */
class LayerHelpersTest {
    private static final ModelSettings DCGAN = settings(DcGan.TYPE);

    @Test
    void batchNormAndConvolutionLayersRunThroughOneDnn() {
        assertTrue(LayerHelpers.allowed(), LayerHelpers.describe());
        assertTrue(LayerHelpers.describe().startsWith("oneDNN"), LayerHelpers.describe());
        GanGraphs g = DCGAN.create().graphs();
        int batchNorms = 0;
        int convolutions = 0;
        for (Layer l : g.discriminator().getLayers()) {
            String type = l.getClass().getSimpleName();
            if (l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                // DL4J's oneDNN helper, its training passes by self2face's own arithmetic
                assertInstanceOf(MKLDNNBatchNormHelper.class, l.getHelper(), l.conf().getLayer().getLayerName());
                assertEquals("FastBatchNormHelper", l.getHelper().getClass().getSimpleName());
                batchNorms++;
            } else if (type.equals("Conv2DLayer")) {
                assertInstanceOf(MKLDNNConvHelper.class, l.getHelper(), l.conf().getLayer().getLayerName());
                convolutions++;
            }
        }
        assertEquals(3, batchNorms);
        assertEquals(5, convolutions);
        assertEquals(batchNorms + convolutions, LayerHelpers.count(g.discriminator()));
        assertEquals(4, LayerHelpers.count(g.generator()), "G's batch norms (DL4J has no deconvolution helper)");
    }

    @Test
    void helpersGiveTheSameOutputsAndGradientsAsDl4jsOwnLayers() {
        for (ModelSettings s : List.of(DCGAN, settings(Pix2Pix.TYPE))) {
            ComputationGraph with = s.create().graphs().adversarial();
            ComputationGraph without = withoutHelpers(s);
            assertEquals(0, LayerHelpers.count(without), s.kind());
            assertTrue(LayerHelpers.count(with) > 0, s.kind());
            without.setParams(with.params());

            Nd4j.getRandom().setSeed(3);
            INDArray[] in = new INDArray[with.getConfiguration().getNetworkInputs().size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = s.kind().equals("dcgan") ? Nd4j.randn(DataType.FLOAT, 8, s.zDim())
                        : Nd4j.rand(DataType.FLOAT, 8, 3, s.size(), s.size()).muli(2).subi(1);
            }
            INDArray[] outWith = outputs(with, in);
            INDArray[] outWithout = outputs(without, in);
            for (int i = 0; i < outWith.length; i++) {
                assertClose(outWithout[i], outWith[i], 1e-5, s.kind() + ": output " + i + " in training mode");
            }
            assertClose(gradient(without, in, outWith), gradient(with, in, outWith), 1e-5,
                    s.kind() + ": every parameter's gradient (G through D)");
            Nd4j.getRandom().setSeed(7);
            with.fit(new MultiDataSet(in, labels(outWith)));
            Nd4j.getRandom().setSeed(7);
            without.fit(new MultiDataSet(in, labels(outWith)));
            for (Layer l : with.getLayers()) {
                if (l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                    String name = l.conf().getLayer().getLayerName();
                    for (String p : l.paramTable().keySet()) {
                        if (!p.equals("gamma") && !p.equals("beta")) {
                            assertClose(without.getLayer(name).getParam(p), l.getParam(p), 1e-5,
                                    s.kind() + ": " + name + "'s running " + p + " after an update");
                        }
                    }
                }
            }
        }
    }

    private static ModelSettings settings(ModelType type) {
        return new ModelSettings(type.id(), 64, 16, 8, 8, 100.0, false, 1, 2e-4, 0.5, 0.999, 7);
    }

    /** The same graph built while the property turns helpers off. */
    private static ComputationGraph withoutHelpers(ModelSettings s) {
        String before = System.getProperty(LayerHelpers.PROPERTY);
        System.setProperty(LayerHelpers.PROPERTY, "true");
        try {
            return s.create().graphs().adversarial();
        } finally {
            if (before == null) {
                System.clearProperty(LayerHelpers.PROPERTY);
            } else {
                System.setProperty(LayerHelpers.PROPERTY, before);
            }
        }
    }

    /** Training-mode outputs with the same dropout masks in both graphs (pix2pix's G has dropout). */
    private static INDArray[] outputs(ComputationGraph g, INDArray[] in) {
        Nd4j.getRandom().setSeed(5);
        return g.output(true, in);
    }

    private static INDArray[] labels(INDArray[] like) {
        INDArray[] labels = new INDArray[like.length];
        for (int i = 0; i < like.length; i++) {
            labels[i] = Nd4j.onesLike(like[i]);
        }
        return labels;
    }

    private static INDArray gradient(ComputationGraph g, INDArray[] in, INDArray[] like) {
        Nd4j.getRandom().setSeed(6);
        g.setInputs(in);
        g.setLabels(labels(like));
        g.computeGradientAndScore();
        return g.gradient().gradient().dup();
    }

    /**
     * Largest absolute difference, relative to the largest magnitude of the reference, under {@code tolerance}
     * (measured: ~4e-7 on outputs, ~1e-6 on gradients: float rounding).
     */
    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        double scale = Math.max(expected.amaxNumber().doubleValue(), 1e-12);
        double diff = Transforms.abs(expected.sub(actual)).maxNumber().doubleValue();
        assertTrue(diff / scale < tolerance, what + ": largest difference " + diff + " of " + scale);
    }
}
