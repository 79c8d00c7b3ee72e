package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Configuration of DL4J's batch normalisation, implemented by {@link BatchNormLayer}: the same layer, parameters and
 * running statistics, whose training-mode passes run {@link FastBatchNormHelper}'s arithmetic where DL4J would run
 * its oneDNN helper.
 */
public class BatchNorm extends BatchNormalization {
    /** For DL4J's JSON (de)serialisation of configurations. */
    public BatchNorm() {
        super();
    }

    /** Batch norm with {@code eps} added to the variance and running statistics decaying by {@code decay}. */
    public static BatchNorm of(double eps, double decay) {
        BatchNorm b = new BatchNorm();
        b.setEps(eps);
        b.setDecay(decay);
        return b;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int index,
                                                       INDArray paramsView, boolean initializeParams,
                                                       DataType dataType) {
        return LayerWiring.wire(new BatchNormLayer(conf, dataType), conf, listeners, index, paramsView,
                initializeParams);
    }
}
