package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's transposed convolution (ND4J's {@code deconv2d} and {@code deconv2d_bp} ops, oneDNN in the shipped build)
 * without the forward pass its backward pass runs again: as {@link Conv2DLayer}, for a layer without an activation
 * of its own ({@link NoRecompute}).
 */
public class Deconv2DLayer extends Deconvolution2DLayer {
    private final NoRecompute noRecompute = new NoRecompute();

    public Deconv2DLayer(NeuralNetConfiguration conf, DataType dataType) {
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
