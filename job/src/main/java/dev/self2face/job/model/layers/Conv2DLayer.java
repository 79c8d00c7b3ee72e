package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's convolution (with its oneDNN helper where it has one) without the forward pass its backward pass runs
 * again. DL4J 1.0.0-M2.1's {@code backpropGradient} recomputes the layer's pre-activation output only to put it
 * through the activation's derivative; a layer without an activation of its own (every convolution here: batch
 * norm and the activation are layers of their own) needs none of it, since the derivative of the identity passes
 * the incoming gradient through. So the backward pass is handed that gradient in place of the recomputed output
 * ({@link NoRecompute}); every other step is DL4J's.
 */
public class Conv2DLayer extends ConvolutionLayer {
    private final NoRecompute noRecompute = new NoRecompute();

    public Conv2DLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return noRecompute.backprop(layerConf().getActivationFn(), epsilon,
                () -> super.backpropGradient(epsilon, workspaceMgr));
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
                                                   LayerWorkspaceMgr workspaceMgr) {
        INDArray passed = forBackprop ? noRecompute.pending() : null;
        return passed != null ? new Pair<>(passed, null) : super.preOutput4d(training, forBackprop, workspaceMgr);
    }
}
