package dev.self2face.job.model.layers;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;

/**
 * Channels {@code from}..{@code to} (inclusive) of convolutional activations: DL4J's {@link SubsetVertex}, whose
 * output type in 1.0.0-M2.1 says −1 channels for convolutional input (so the next layer cannot size itself); this one
 * says {@code to − from + 1}.
 */
public class ChannelSubset extends SubsetVertex {
    public ChannelSubset(@JsonProperty("from") int from, @JsonProperty("to") int to) {
        super(from, to);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length == 1 && vertexInputs[0] instanceof InputType.InputTypeConvolutional c) {
            return InputType.convolutional(c.getHeight(), c.getWidth(), getTo() - getFrom() + 1, c.getFormat());
        }
        return super.getOutputType(layerIndex, vertexInputs);
    }

    @Override
    public ChannelSubset clone() {
        return new ChannelSubset(getFrom(), getTo());
    }
}
