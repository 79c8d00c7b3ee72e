package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Configuration of DL4J's 2-D convolution, implemented by {@link Conv2DLayer}: the same layer, parameters and
 * helpers, whose backward pass does not run the forward pass again. {@linkplain #setInputGradientOnly A layer that
 * never learns} (D inside G's training graph) computes only the gradient its input needs.
 */
public class Conv2D extends ConvolutionLayer {
    private boolean inputGradientOnly;

    protected Conv2D(ConvolutionLayer.BaseConvBuilder<?> b) {
        super(b);
    }

    /** For DL4J's JSON (de)serialisation of configurations. */
    protected Conv2D() {
        super(new Builder());
    }

    /** Whether the backward pass computes only the input's gradient (the layer's own are left at zero). */
    public boolean isInputGradientOnly() {
        return inputGradientOnly;
    }

    /**
     * For a layer whose parameters never change (trained at learning rate 0): its weight and bias gradients would be
     * computed only to be multiplied by zero, so the backward pass skips them.
     */
    public void setInputGradientOnly(boolean inputGradientOnly) {
        this.inputGradientOnly = inputGradientOnly;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int index,
                                                       INDArray paramsView, boolean initializeParams,
                                                       DataType dataType) {
        LayerValidation.assertNInNOutSet("Conv2D", getLayerName(), index, getNIn(), getNOut());
        return LayerWiring.wire(new Conv2DLayer(conf, dataType), conf, listeners, index, paramsView,
                initializeParams);
    }

    public static class Builder extends ConvolutionLayer.Builder {
        public Builder(int kH, int kW) {
            super(kH, kW);
        }

        Builder() {
            super();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Conv2D build() {
            return new Conv2D(this);
        }
    }
}
