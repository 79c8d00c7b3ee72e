package dev.self2face.job.model;

import dev.self2face.job.data.Batch;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GAN self2face trains: its three graphs, how batches become training sets, one training step (D update, then G
 * update) with its named losses, and its sample grid. Everything else — trainers, metrics, commands — works on this
 * interface and the model's {@link ModelType}, never on a particular model.
 */
public interface GanModel {
    ModelType type();

    ModelSettings settings();

    GanGraphs graphs();

    TrainingSets sets();

    /**
     * One step of the papers' algorithm on {@code batch}, the same for every model (each model's class says what D
     * and G learn in it; its {@link TrainingSets} make the targets): D ({@code d-steps} times, each later time on
     * fresh G inputs), then G once, through D frozen in the adversarial graph. With {@code diagnose} the step also
     * measures its named losses and D's outputs (extra forward passes; the trainers ask for it on logging steps):
     * D's before D's update, G's after it, as the papers' algorithms compute them. Otherwise it returns no figures.
     */
    default Figures step(Batch batch, boolean diagnose) {
        TrainingSets sets = sets();
        GanGraphs nets = graphs();
        INDArray[] in = sets.generatorInputs(batch);
        INDArray fake = nets.generate(in);
        Figures losses = diagnose ? measureDiscriminator(batch, fake) : Figures.none();
        // D: real is real, G's is fake
        nets.trainDiscriminator(sets.discriminator(batch, fake, nets.separateRealAndFake()));
        for (int k = 1; k < sets.discriminatorSteps(); k++) {
            in = sets.generatorInputs(batch);
            nets.trainDiscriminator(sets.discriminator(batch, nets.generate(in), nets.separateRealAndFake()));
        }
        if (diagnose) {
            losses.putAll(measureGenerator(batch, in));
        }
        // G: make D call G's real (and whatever else the model asks of G)
        nets.trainGenerator(sets.generator(batch, in));
        return losses;
    }

    /**
     * D's losses and mean outputs on a batch and G's images of it, without updating: {@code loss_D_real},
     * {@code loss_D_fake} (D's part of the {@link GanLoss} on real and on generated images, mean over images or
     * patches), {@code D_x} and {@code D_G_z} (mean D(x) and D(G(z)) as probabilities: the sigmoid of hinge scores),
     * {@code D_x_sign} (the mean sign of D's logits on real images: adaptive augmentation's r_t).
     */
    default Figures measureDiscriminator(Batch batch, INDArray fake) {
        GanLoss loss = settings().loss();
        INDArray onReal = graphs().discriminate(sets().discriminatorInputs(batch, batch.image()));
        INDArray onFake = graphs().discriminate(sets().discriminatorInputs(batch, fake));
        return Figures.none()
                .put("loss_D_real", loss.discriminatorLoss(onReal, true))
                .put("loss_D_fake", loss.discriminatorLoss(onFake, false))
                .put("D_x", loss.meanProbability(onReal))
                .put("D_x_sign", loss.meanSign(onReal))
                .put("D_G_z", loss.meanProbability(onFake));
    }

    /** G's losses on a batch without updating: {@code loss_G_GAN} (G's part of the {@link GanLoss}: −log D(G(z)),
     * the non-saturating form, or −D(G(z)) for hinge) and any extra heads' losses the model adds. */
    default Figures measureGenerator(Batch batch, INDArray[] generatorInputs) {
        return Figures.none().put("loss_G_GAN",
                settings().loss().generatorLoss(graphs().adversarialOutputs(generatorInputs)[0]));
    }

    /** All losses and D's outputs on {@code batch}, measured at once without updating (Spark's round diagnostics). */
    default Figures measure(Batch batch) {
        INDArray[] in = sets().generatorInputs(batch);
        INDArray fake = graphs().generate(in);
        return measureDiscriminator(batch, fake).putAll(measureGenerator(batch, in));
    }

    /**
     * The run's fixed G inputs for sample grids and sample metrics: the same at every step and across resumes.
     * {@code fixed} holds the first val pairs; {@code count} is {@code training.sample-count}.
     */
    INDArray[] fixedInputs(Batch fixed, int count);

    /** The sample grid PNG of G's images from {@link #fixedInputs}, laid out as suits the model. */
    byte[] sampleGrid(Batch fixed, int count);
}
