package dev.self2face.job.model;

import dev.self2face.job.data.Batch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training sets of an unconditional GAN: G takes z ~ N(0, 1) of length {@code z-dim} (from ND4J's generator);
 * D sees the image alone and gives one logit per image.
 */
public final class UnconditionalSets extends TrainingSets {
    public UnconditionalSets(ModelSettings s) {
        super(s);
    }

    @Override
    public INDArray[] generatorInputs(Batch batch) {
        return new INDArray[] {Nd4j.randn(DataType.FLOAT, batch.size(), s.zDim())};
    }

    @Override
    public INDArray[] discriminatorInputs(Batch batch, INDArray image) {
        return new INDArray[] {image};
    }

    @Override
    public int dOutputSide() {
        return 1;
    }
}
