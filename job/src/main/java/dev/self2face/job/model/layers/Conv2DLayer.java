package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's convolution (with its oneDNN helper where it has one) without the forward pass its backward pass runs
 * again. DL4J 1.0.0-M2.1's {@code backpropGradient} recomputes the layer's pre-activation output only to put it
 * through the activation's derivative; a layer without an activation of its own (every convolution here: batch
 * norm and the activation are layers of their own) needs none of it, since the derivative of the identity passes
 * the incoming gradient through. So the backward pass is handed that gradient in place of the recomputed output
 * ({@link NoRecompute}); every other step is DL4J's. A layer that never learns ({@link Conv2D#setInputGradientOnly})
 * computes only its input's gradient.
 */
public class Conv2DLayer extends ConvolutionLayer {
    private final NoRecompute noRecompute = new NoRecompute();

    public Conv2DLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (computesInputGradientOnly()) {
            return inputGradientOnly(epsilon, workspaceMgr);
        }
        return noRecompute.backprop(layerConf().getActivationFn(), epsilon,
                () -> super.backpropGradient(epsilon, workspaceMgr));
    }

    /** Whether the backward pass gives the input's gradient alone (a layer that never learns, no activation). */
    protected boolean computesInputGradientOnly() {
        return conf().getLayer() instanceof Conv2D c && c.isInputGradientOnly()
                && layerConf().getActivationFn() instanceof ActivationIdentity;
    }

    /**
     * The input's gradient alone: the transposed convolution of the incoming gradient with the layer's kernel (ND4J's
     * {@code deconv2d}, oneDNN in the shipped build) — the adjoint of the forward convolution, which is what the
     * input gradient is. DL4J's {@code [nOut, nIn, kH, kW]} kernel read as a transposed convolution's
     * {@code [in, out, kH, kW]} kernel is exactly that adjoint's. The weight and bias gradients stay as they are
     * (zero: nothing else writes them), which a learning rate of 0 turns into no change.
     */
    private Pair<Gradient, INDArray> inputGradientOnly(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (layerConf().getCnn2dDataFormat() != CNN2DFormat.NCHW
                || layerConf().getConvolutionMode() != ConvolutionMode.Truncate) {
            throw new IllegalStateException(layerId() + ": input-gradient-only needs NCHW and Truncate mode");
        }
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        int[] k = layerConf().getKernelSize();
        int[] st = layerConf().getStride();
        int[] pad = layerConf().getPadding();
        int[] dil = layerConf().getDilation();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, weights.dataType(), input.shape(),
                'c');
        Nd4j.exec(DynamicCustomOp.builder("deconv2d")
                .addInputs(epsilon, weights.permute(2, 3, 1, 0))
                .addIntegerArguments(k[0], k[1], st[0], st[1], pad[0], pad[1], dil[0], dil[1], 0, 0)
                .addOutputs(out).callInplace(false).build());
        Gradient g = new DefaultGradient();
        for (String param : gradientViews.keySet()) {
            g.setGradientFor(param, gradientViews.get(param));
        }
        weightNoiseParams.clear();
        return new Pair<>(g, out);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
                                                   LayerWorkspaceMgr workspaceMgr) {
        INDArray passed = forBackprop ? noRecompute.pending() : null;
        return passed != null ? new Pair<>(passed, null) : super.preOutput4d(training, forBackprop, workspaceMgr);
    }
}
