package dev.self2face.job.bench;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Floating-point operations of one forward pass of a graph per image, counted from its layers: a multiply-add is
 * two operations; convolutions, transposed convolutions and dense layers only (batch norm, activations, dropout
 * and concatenation are memory-bound and small next to them). DL4J has no such count, hence this.
 */
public final class Flops {
    private Flops() {
    }

    /** For inputs shaped like {@code examples} (any batch size). */
    public static long forwardPerImage(ComputationGraph graph, INDArray... examples) {
        InputType[] types = new InputType[examples.length];
        for (int i = 0; i < examples.length; i++) {
            types[i] = InputType.inferInputType(examples[i]);
        }
        return forwardPerImage(graph, types);
    }

    public static long forwardPerImage(ComputationGraph graph, InputType... inputs) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, InputType> out = conf.getLayerActivationTypes(inputs);
        long total = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            InputType o = out.get(e.getKey());
            if (layer instanceof Deconvolution2D d) {
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) o;
                // each input pixel scatters k·k·nOut products per input channel
                long inH = c.getHeight() / d.getStride()[0];
                long inW = c.getWidth() / d.getStride()[1];
                total += 2L * d.getKernelSize()[0] * d.getKernelSize()[1] * d.getNIn() * d.getNOut() * inH * inW;
            } else if (layer instanceof ConvolutionLayer cv) {
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) o;
                total += 2L * cv.getKernelSize()[0] * cv.getKernelSize()[1] * cv.getNIn() * cv.getNOut()
                        * c.getHeight() * c.getWidth();
            } else if (layer instanceof DenseLayer d) {
                total += 2L * d.getNIn() * d.getNOut();
            }
        }
        return total;
    }
}
