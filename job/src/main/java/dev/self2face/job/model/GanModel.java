package dev.self2face.job.model;

import dev.self2face.job.data.Batch;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A GAN self2face trains: its three graphs and one training step (D update, then G update). */
public interface GanModel {
    ModelSettings settings();

    GanGraphs graphs();

    /**
     * One step of the paper's algorithm on {@code batch}: D once, then G once. With {@code diagnose} the step also
     * measures its losses and D's outputs (an extra forward pass; the trainer asks for it on logging steps).
     */
    StepResult step(Batch batch, boolean diagnose);

    /** G's images for a sample grid from fixed inputs (noise for DCGAN, conditions for pix2pix). */
    default INDArray sample(INDArray fixedInputs) {
        return graphs().generate(fixedInputs);
    }

    /** Creates a freshly initialised model of the settings' kind. */
    static GanModel create(ModelSettings s) {
        return switch (s.kind()) {
            case DCGAN -> new DcGan(s);
            case PIX2PIX -> new Pix2Pix(s);
        };
    }

    /** Wraps graphs restored from a checkpoint. */
    static GanModel restore(ModelSettings s, GanGraphs graphs) {
        return switch (s.kind()) {
            case DCGAN -> new DcGan(s, graphs);
            case PIX2PIX -> new Pix2Pix(s, graphs);
        };
    }
}
