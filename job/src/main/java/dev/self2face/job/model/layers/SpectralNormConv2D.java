package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Collection;

/**
 * Configuration of a 2-D convolution with spectral normalisation (Miyato, Kataoka, Koyama and Yoshida 2018): the
 * kernel W (seen as the matrix [nOut, nIn·kH·kW]) is used as W / σ(W), σ estimated by power iteration with a left
 * singular vector estimate u stored as a (non-trained) parameter of the layer, so it
 * is saved, copied and averaged with the weights. DL4J 1.0.0-M2.1 has no such layer; its implementation is
 * {@link SpectralNormConvolution}.
 */
public class SpectralNormConv2D extends Conv2D {

    protected SpectralNormConv2D(Builder b) {
        super(b);
    }

    /** For DL4J's JSON (de)serialisation of configurations. */
    protected SpectralNormConv2D() {
        super(new Builder());
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int index,
                                                       INDArray paramsView, boolean initializeParams,
                                                       DataType dataType) {
        return LayerWiring.wire(new SpectralNormConvolution(conf, dataType), conf, listeners, index, paramsView,
                initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return SpectralNormParams.INSTANCE;
    }

    /** u is advanced by the power iteration, never by an updater (its gradient is kept at zero). */
    @Override
    public IUpdater getUpdaterByParam(String param) {
        return SpectralNormParams.U_KEY.equals(param) ? new NoOp() : super.getUpdaterByParam(param);
    }

    public static class Builder extends ConvolutionLayer.Builder {
        public Builder() {
            super();
        }

        public Builder(int kH, int kW) {
            super(kH, kW);
        }

        @Override
        @SuppressWarnings("unchecked")
        public SpectralNormConv2D build() {
            return new SpectralNormConv2D(this);
        }
    }
}
