package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;

import java.lang.reflect.Field;

/**
 * DL4J's batch-norm layer whose oneDNN helper, where DL4J gave it one, is {@link FastBatchNormHelper}. DL4J keeps
 * the helper in a package-private field that it fills while constructing the layer, with no way to choose another,
 * so the field is set by reflection right after.
 */
public class BatchNormLayer extends BatchNormalization {
    public BatchNormLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        if (getHelper() instanceof MKLDNNBatchNormHelper) {
            try {
                Field helper = BatchNormalization.class.getDeclaredField("helper");
                helper.setAccessible(true);
                helper.set(this, new FastBatchNormHelper(dataType));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot give batch norm " + conf.getLayer().getLayerName()
                        + " its helper", e);
            }
        }
    }
}
