package dev.self2face.job.model;

import dev.self2face.job.model.layers.BatchNorm;
import dev.self2face.job.model.layers.Conv2D;
import dev.self2face.job.model.layers.Deconv2D;
import dev.self2face.job.model.layers.FastLeakyReLU;
import dev.self2face.job.model.layers.FastReLU;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.learning.config.Sgd;

import java.lang.reflect.Field;

/**
 * The few building blocks both papers are written in (4x4 convolutions, batch norm, (leaky) ReLU, dropout,
 * concatenation), added to a DL4J graph under readable names. When {@code frozen} is set, every layer it adds
 * trains at learning rate 0: that is how the discriminator sits inside the generator's training graph (DL4J
 * 1.0.0-M2.1 has no {@code setTrainable}; a frozen layer wrapper would run D's batch norm in inference mode, which
 * the papers do not do).
 */
public final class NetBuilder {
    private final GraphBuilder graph;
    private final boolean frozen;
    private final boolean inference;

    public NetBuilder(GraphBuilder graph, boolean frozen) {
        this(graph, frozen, false);
    }

    private NetBuilder(GraphBuilder graph, boolean frozen, boolean inference) {
        this.graph = graph;
        this.frozen = frozen;
        this.inference = inference;
    }

    /**
     * A builder whose layers never change and always run as at inference (batch norm with its running statistics):
     * trained networks inside a graph that optimises something else (the z vectors of {@link LatentProjection}).
     */
    public static NetBuilder inference(GraphBuilder graph) {
        return new NetBuilder(graph, false, true);
    }

    /**
     * Takes the oneDNN helper ({@code job.backend.LayerHelpers}) off every batch norm of {@code graph} that runs in
     * inference mode inside a {@link #inference} builder's frozen wrapper: DL4J M2.1's oneDNN batch-norm helper keeps
     * no batch variance in inference mode, so a backward pass through it fails (a NullPointerException in
     * {@code getVarCache}); DL4J's own batch norm backpropagates there. Call after {@code graph.init()}.
     */
    public static void withoutFrozenBatchNormHelpers(ComputationGraph graph) {
        for (org.deeplearning4j.nn.api.Layer l : graph.getLayers()) {
            if (l instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop f
                    && f.getInsideLayer() instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization bn
                    && bn.getHelper() != null) {
                try {
                    Field helper = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class
                            .getDeclaredField("helper");
                    helper.setAccessible(true);
                    helper.set(bn, null);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot take the batch-norm helper off "
                            + bn.conf().getLayer().getLayerName(), e);
                }
            }
        }
    }

    /** A new builder on the same graph whose layers are frozen or not. */
    public NetBuilder frozen(boolean f) {
        return new NetBuilder(graph, f);
    }

    public String layer(String name, Layer layer, String... inputs) {
        return layer(name, layer, null, inputs);
    }

    public String layer(String name, Layer layer, InputPreProcessor pre, String... inputs) {
        if (frozen && layer instanceof BaseLayer b) {
            b.setIUpdater(new Sgd(0.0));
            b.setBiasUpdater(new Sgd(0.0));
        }
        if (frozen && layer instanceof Conv2D c) {
            c.setInputGradientOnly(true); // its own gradients would only be multiplied by 0
        }
        Layer added = inference ? new FrozenLayerWithBackprop(layer) : layer;
        if (pre == null) {
            graph.addLayer(name, added, inputs);
        } else {
            graph.addLayer(name, added, pre, inputs);
        }
        return name;
    }

    /** 4x4 convolution, stride {@code stride}, padding 1, no bias where a batch norm follows. */
    public String conv(String name, int nOut, int stride, boolean bias, String input) {
        return layer(name, new Conv2D.Builder(4, 4).stride(stride, stride).padding(1, 1).nOut(nOut)
                .hasBias(bias).activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate).build(),
                input);
    }

    /** 4x4 convolution without padding, stride 1 (DCGAN's last D layer: 4x4 -> 1x1). */
    public String convValid(String name, int nOut, String input) {
        return layer(name, new Conv2D.Builder(4, 4).stride(1, 1).padding(0, 0).nOut(nOut)
                .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate).build(), input);
    }

    /** 4x4 fractionally-strided convolution, stride 2, padding 1: doubles the side. */
    public String deconv(String name, int nOut, boolean bias, IActivation activation, String input) {
        return layer(name, new Deconv2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(nOut).hasBias(bias)
                .activation(activation).convolutionMode(ConvolutionMode.Truncate).build(), input);
    }

    public String batchNorm(String name, String input) {
        return layer(name, BatchNorm.of(1e-5, 0.9), input);
    }

    public String batchNorm(String name, InputPreProcessor pre, String input) {
        return layer(name, BatchNorm.of(1e-5, 0.9), pre, input);
    }

    /** LeakyReLU(0.2), DL4J's values and gradients by faster element-wise ops ({@link FastLeakyReLU}). */
    public String leakyRelu(String name, String input) {
        return layer(name, new ActivationLayer.Builder().activation(new FastLeakyReLU(0.2)).build(), input);
    }

    /** ReLU, DL4J's values and gradients, its backward pass by faster element-wise ops ({@link FastReLU}). */
    public String relu(String name, String input) {
        return layer(name, new ActivationLayer.Builder().activation(new FastReLU()).build(), input);
    }

    /** Dropout that zeroes half the activations (DL4J's argument is the probability of keeping one). */
    public String dropout(String name, String input) {
        return layer(name, new DropoutLayer.Builder(0.5).build(), input);
    }

    /** A graph vertex (no weights) named {@code name}. */
    public String vertex(String name, org.deeplearning4j.nn.conf.graph.GraphVertex vertex, String... inputs) {
        graph.addVertex(name, vertex, inputs);
        return name;
    }

    /** Channel-wise concatenation (U-Net skips, the PatchGAN's (condition, image) input). */
    public String concat(String name, String... inputs) {
        graph.addVertex(name, new MergeVertex(), inputs);
        return name;
    }
}
