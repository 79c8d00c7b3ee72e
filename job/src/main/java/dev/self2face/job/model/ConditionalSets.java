package dev.self2face.job.model;

import dev.self2face.job.data.Batch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training sets of a conditional GAN with an auxiliary classifier: G takes z ~ N(0, 1) and the batch's own
 * attribute labels (so G is asked for the attribute combinations of the person's video, as often as they occur);
 * D sees the image alone, gives one score per image, and classifies the real faces' attributes.
 */
public final class ConditionalSets extends TrainingSets {
    public ConditionalSets(ModelSettings s) {
        super(s);
    }

    @Override
    public INDArray[] generatorInputs(Batch batch) {
        return new INDArray[] {Nd4j.randn(DataType.FLOAT, batch.size(), s.zDim()), classLabels(batch)};
    }

    @Override
    public INDArray[] discriminatorInputs(Batch batch, INDArray image) {
        return new INDArray[] {image};
    }

    @Override
    public int dOutputSide() {
        return 1;
    }

    @Override
    public INDArray classLabels(Batch batch) {
        if (batch.labels() == null || batch.labels().size(1) != s.attributes().size()) {
            throw new IllegalStateException("model " + s.kind() + " needs " + s.attributes().size()
                    + " attribute labels per pair (" + s.attributes() + "); the batch has "
                    + (batch.labels() == null ? "none" : batch.labels().size(1)));
        }
        return batch.labels();
    }

    /** Rows of {@code labels} repeated in order until there are {@code count}. */
    static INDArray cycled(INDArray labels, int count) {
        long n = labels.size(0);
        long[] rows = new long[count];
        for (int i = 0; i < count; i++) {
            rows[i] = i % n;
        }
        return labels.get(NDArrayIndex.indices(rows), NDArrayIndex.all()).dup();
    }
}
