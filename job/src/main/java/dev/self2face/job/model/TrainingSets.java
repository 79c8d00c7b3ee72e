package dev.self2face.job.model;

import dev.self2face.job.data.Batch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What each model's D and G updates are fitted on, built the same way in this JVM and inside Spark executors:
 * G's input for a batch (noise for DCGAN, the conditions for pix2pix), D's training sets (real labelled 1, fake
 * labelled 0: two sets when D has batch norm, one when it has not — see {@link GanGraphs#trainDiscriminator}) and
 * G's training set (the label "real", plus the real face for pix2pix's L1 head).
 */
public final class TrainingSets {
    private TrainingSets() {
    }

    /** G's input for {@code batch}: z ~ N(0, 1) from ND4J's generator (DCGAN), or the batch's conditions. */
    public static INDArray generatorInput(ModelSettings s, Batch batch) {
        return s.kind() == ModelKind.DCGAN ? Nd4j.randn(DataType.FLOAT, batch.size(), s.zDim()) : batch.condition();
    }

    /** Side of D's output map: 1 for DCGAN's single logit, the patch grid for pix2pix. */
    public static int dOutputSide(ModelSettings s) {
        return s.kind() == ModelKind.DCGAN ? 1 : PatchGan.patches(s.size());
    }

    private static INDArray[] dInputs(ModelSettings s, Batch batch, INDArray image) {
        return s.kind() == ModelKind.DCGAN ? new INDArray[] {image} : new INDArray[] {batch.condition(), image};
    }

    /** D's training sets for a batch and G's images of it: {real, fake}, or one set of both when {@code !separate}. */
    public static MultiDataSet[] discriminator(ModelSettings s, Batch batch, INDArray fake, boolean separate) {
        int n = batch.size();
        int p = dOutputSide(s);
        INDArray isReal = Nd4j.ones(DataType.FLOAT, n, 1, p, p);
        INDArray isFake = Nd4j.zeros(DataType.FLOAT, n, 1, p, p);
        INDArray[] real = dInputs(s, batch, batch.image());
        INDArray[] fakes = dInputs(s, batch, fake);
        if (separate) {
            return new MultiDataSet[] {new MultiDataSet(real, new INDArray[] {isReal}),
                    new MultiDataSet(fakes, new INDArray[] {isFake})};
        }
        INDArray[] both = new INDArray[real.length];
        for (int i = 0; i < real.length; i++) {
            both[i] = Nd4j.concat(0, real[i], fakes[i]);
        }
        return new MultiDataSet[] {new MultiDataSet(both, new INDArray[] {Nd4j.concat(0, isReal, isFake)})};
    }

    /** G's training set: its input, D's label "real" and, for pix2pix, the real face for the L1 head. */
    public static MultiDataSet generator(ModelSettings s, Batch batch, INDArray generatorInput) {
        int n = batch.size();
        int p = dOutputSide(s);
        INDArray isReal = Nd4j.ones(DataType.FLOAT, n, 1, p, p);
        INDArray[] labels = s.kind() == ModelKind.DCGAN ? new INDArray[] {isReal}
                : new INDArray[] {isReal, batch.image()};
        return new MultiDataSet(new INDArray[] {generatorInput}, labels);
    }
}
