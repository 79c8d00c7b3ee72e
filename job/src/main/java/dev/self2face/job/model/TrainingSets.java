package dev.self2face.job.model;

import dev.self2face.job.data.Batch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;

/**
 * How a model turns a batch of pairs into what its D and G updates are fitted on, built the same way in this JVM and
 * inside Spark executors (the object travels to them with the model's settings). A model says what G takes, what D
 * sees besides the image and the labels of G's extra heads; D's sets (real labelled 1, fake labelled 0: two sets when
 * D has batch norm, one when it has not — see {@link GanGraphs#trainDiscriminator}) and G's set (the label "real",
 * then the heads' labels) are made from that here, once for every model.
 */
public abstract class TrainingSets implements Serializable {
    protected final ModelSettings s;

    protected TrainingSets(ModelSettings s) {
        this.s = s;
    }

    /** Side of the model's square images. */
    public int size() {
        return s.size();
    }

    /** G's inputs for {@code batch}, in the order of G's graph inputs. Noise comes from ND4J's generator. */
    public abstract INDArray[] generatorInputs(Batch batch);

    /** D's inputs, in the order of D's graph inputs, with {@code image} the real or the generated one. */
    public abstract INDArray[] discriminatorInputs(Batch batch, INDArray image);

    /** Side of D's output map: 1 for a single logit, the patch grid for a PatchGAN. */
    public abstract int dOutputSide();

    /** The labels of G's extra heads in the adversarial graph (after D's "real"), e.g. the real face for an L1 head. */
    public INDArray[] headLabels(Batch batch) {
        return new INDArray[0];
    }

    /** D's training sets for a batch and G's images of it: {real, fake}, or one set of both when {@code !separate}. */
    public final MultiDataSet[] discriminator(Batch batch, INDArray fake, boolean separate) {
        int n = batch.size();
        int p = dOutputSide();
        INDArray isReal = Nd4j.ones(DataType.FLOAT, n, 1, p, p);
        INDArray isFake = Nd4j.zeros(DataType.FLOAT, n, 1, p, p);
        INDArray[] real = discriminatorInputs(batch, batch.image());
        INDArray[] fakes = discriminatorInputs(batch, fake);
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

    /** G's training set: its inputs, D's label "real" and the heads' labels. */
    public final MultiDataSet generator(Batch batch, INDArray[] generatorInputs) {
        int p = dOutputSide();
        INDArray[] heads = headLabels(batch);
        INDArray[] labels = new INDArray[1 + heads.length];
        labels[0] = Nd4j.ones(DataType.FLOAT, batch.size(), 1, p, p);
        System.arraycopy(heads, 0, labels, 1, heads.length);
        return new MultiDataSet(generatorInputs, labels);
    }
}
