package dev.self2face.job.model;

import java.io.Serializable;
import java.util.List;

/**
 * A model's own options, its {@code model.<id>} section as its {@link ModelType#options} parses it: a record per
 * model with only the keys that model has. What a model has not is answered here once (no noise, no L1 term, one D
 * step, no attributes), so code that works on every model asks without knowing which it is.
 */
public interface ModelOptions extends Serializable {
    /** G's width: channels of its widest-but-one layer divided by 8 (DCGAN) or its first layer's (U-Net). */
    int ngf();

    /** D's width. */
    int ndf();

    /** Length of G's noise input; 0 for a model whose G takes no noise. */
    default int zDim() {
        return 0;
    }

    /** Weight of G's L1 term (conditional image models). */
    default double lambdaL1() {
        return 0;
    }

    /** D updates per G update. */
    default int dSteps() {
        return 1;
    }

    /** The attributes a conditional model generates on request, in G's input order. */
    default List<String> attributes() {
        return List.of();
    }

    /** Weight of the auxiliary classifier's loss (models with attributes). */
    default double lambdaCls() {
        return 0;
    }

    /** The model's own spectral-normalisation switch, or null: {@code model.discriminator.spectral-norm} decides. */
    default Boolean spectralNorm() {
        return null;
    }
}
