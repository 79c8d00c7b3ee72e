package dev.self2face.job.model;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;

import java.io.Serializable;

/**
 * The {@code model.*} keys, validated: the model's kind, size and its own section {@code model.<kind>} (widths
 * {@code ngf}/{@code ndf}, and {@code z-dim} or {@code lambda-l1} where the model has them), the discriminator's
 * options and the optimiser's {@code training.*} keys. Also what a published run records about its model.
 */
public record ModelSettings(String kind, int size, int zDim, int ngf, int ndf, double lambdaL1,
                            boolean spectralNorm, int powerIterations, double learningRate, double beta1, double beta2, long seed)
        implements Serializable {

    public static ModelSettings from(Config c) {
        String kind = ModelRegistry.parse("model.kind", Keys.string(c, "model.kind")).id();
        int size = Keys.intIn(c, "model.size", 64, 256);
        if (size != 64 && size != 128 && size != 256) {
            throw new ConfigError("config key 'model.size' = " + size + ": must be 64, 128 or 256");
        }
        String section = "model." + kind + ".";
        return new ModelSettings(kind, size,
                c.hasPath(section + "z-dim") ? Keys.intIn(c, section + "z-dim", 1, 4096) : 0,
                Keys.intIn(c, section + "ngf", 1, 1024),
                Keys.intIn(c, section + "ndf", 1, 1024),
                c.hasPath(section + "lambda-l1") ? Keys.doubleIn(c, section + "lambda-l1", 0, 1e6) : 0,
                Keys.bool(c, "model.discriminator.spectral-norm"),
                Keys.intIn(c, "model.discriminator.power-iterations", 1, 100),
                Keys.doubleIn(c, "training.learning-rate", 1e-9, 1),
                Keys.doubleIn(c, "training.beta1", 0, 0.9999),
                Keys.doubleIn(c, "training.beta2", 0, 0.99999),
                c.getLong("training.seed"));
    }

    public ModelType type() {
        return ModelRegistry.type(kind);
    }

    /** A freshly initialised model of these settings. */
    public GanModel create() {
        return type().create(this);
    }
}
