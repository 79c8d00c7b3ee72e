package dev.self2face.job.model;

import dev.self2face.job.data.Batch;
import dev.self2face.job.data.Mirror;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a model turns a batch of pairs into what its D and G updates are fitted on, built the same way in this JVM and
 * inside Spark executors (the object travels to them with the model's settings). A model says what G takes, what D
 * sees besides the image, the labels of G's extra heads and of D's classifier; D's sets (real and fake labelled as
 * {@link GanLoss} says: two sets when D has batch norm, one when it has not — see
 * {@link GanGraphs#trainDiscriminator}) and G's set (G's label, then the classifier's and the heads' labels) are
 * made from that here, once for every model.
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

    /** D updates per G update ({@code model.<kind>.d-steps}): D's sets per minibatch, each with fresh noise. */
    public int discriminatorSteps() {
        return s.dSteps();
    }

    /**
     * The minibatch of training step {@code step} as D and G see it: about half its pairs mirrored with
     * {@code training.flip} ({@link Mirror}), unchanged without.
     */
    public Batch mirrored(Batch batch, long seed, long step) {
        return s.smallData().flip() ? Mirror.randomly(batch, seed, step) : batch;
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

    /**
     * The attributes [n, k] (0 or 1) D's auxiliary classifier learns on the real images of {@code batch}, which are
     * also the attributes G was asked for in {@link #generatorInputs} (G's update fits the classifier's verdict on
     * its images to them); null for a D without a classifier.
     */
    public INDArray classLabels(Batch batch) {
        return null;
    }

    /**
     * D's training sets for a batch and G's images of it: {real, fake}, or one set of both when {@code !separate}.
     * With a classifier, its labels go with both, masked off on the generated images: D's classifier learns from
     * real faces only.
     */
    public final MultiDataSet[] discriminator(Batch batch, INDArray fake, boolean separate) {
        int n = batch.size();
        int p = dOutputSide();
        INDArray isReal = Nd4j.valueArrayOf(new long[] {n, 1, p, p}, s.loss().real(), DataType.FLOAT);
        INDArray isFake = Nd4j.valueArrayOf(new long[] {n, 1, p, p}, s.loss().fake(), DataType.FLOAT);
        INDArray[] real = discriminatorInputs(batch, batch.image());
        INDArray[] fakes = discriminatorInputs(batch, fake);
        INDArray cls = classLabels(batch);
        INDArray on = Nd4j.ones(DataType.FLOAT, n, 1);
        INDArray off = Nd4j.zeros(DataType.FLOAT, n, 1);
        if (separate) {
            return new MultiDataSet[] {set(real, isReal, cls, on), set(fakes, isFake, cls, off)};
        }
        INDArray[] both = new INDArray[real.length];
        for (int i = 0; i < real.length; i++) {
            both[i] = Nd4j.concat(0, real[i], fakes[i]);
        }
        return new MultiDataSet[] {set(both, Nd4j.concat(0, isReal, isFake),
                cls == null ? null : Nd4j.concat(0, cls, cls), Nd4j.concat(0, on, off))};
    }

    private static MultiDataSet set(INDArray[] inputs, INDArray verdict, INDArray cls, INDArray clsMask) {
        if (cls == null) {
            return new MultiDataSet(inputs, new INDArray[] {verdict});
        }
        return new MultiDataSet(inputs, new INDArray[] {verdict, cls}, null, new INDArray[] {null, clsMask});
    }

    /** G's training set: its inputs, D's label for G's images, the classifier's labels (if any) and the heads'. */
    public final MultiDataSet generator(Batch batch, INDArray[] generatorInputs) {
        int p = dOutputSide();
        List<INDArray> labels = new ArrayList<>();
        labels.add(Nd4j.valueArrayOf(new long[] {batch.size(), 1, p, p}, s.loss().generator(), DataType.FLOAT));
        INDArray cls = classLabels(batch);
        if (cls != null) {
            labels.add(cls);
        }
        labels.addAll(List.of(headLabels(batch)));
        return new MultiDataSet(generatorInputs, labels.toArray(INDArray[]::new));
    }
}
