package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Configuration of DL4J's transposed convolution, implemented by {@link Deconv2DLayer}: the same layer and
 * parameters, whose backward pass does not run the forward pass again.
 */
public class Deconv2D extends Deconvolution2D {

    protected Deconv2D(Builder b) {
        super(b);
    }

    /** For DL4J's JSON (de)serialisation of configurations. */
    protected Deconv2D() {
        super(new Builder());
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int index,
                                                       INDArray paramsView, boolean initializeParams,
                                                       DataType dataType) {
        LayerValidation.assertNInNOutSet("Deconv2D", getLayerName(), index, getNIn(), getNOut());
        return LayerWiring.wire(new Deconv2DLayer(conf, dataType), conf, listeners, index, paramsView,
                initializeParams);
    }

    public static class Builder extends Deconvolution2D.Builder {
        public Builder(int kH, int kW) {
            super();
            kernelSize(kH, kW);
        }

        Builder() {
            super();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Deconv2D build() {
            return new Deconv2D(this);
        }
    }
}
