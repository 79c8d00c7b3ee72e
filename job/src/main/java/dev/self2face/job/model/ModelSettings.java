package dev.self2face.job.model;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;

import java.io.Serializable;

/** The {@code model.*} keys, validated. Also what a published run records about its model. */
public record ModelSettings(ModelKind kind, int size, int zDim, int ngf, int ndf, double lambdaL1,
                            boolean spectralNorm, int powerIterations, double learningRate, double beta1, double beta2, long seed)
        implements Serializable {

    public static ModelSettings from(Config c) {
        ModelKind kind = ModelKind.parse("model.kind", Keys.string(c, "model.kind"));
        int size = Keys.intIn(c, "model.size", 64, 256);
        if (size != 64 && size != 128 && size != 256) {
            throw new ConfigError("config key 'model.size' = " + size + ": must be 64, 128 or 256");
        }
        String section = kind == ModelKind.DCGAN ? "model.dcgan." : "model.pix2pix.";
        return new ModelSettings(kind, size,
                Keys.intIn(c, "model.dcgan.z-dim", 1, 4096),
                Keys.intIn(c, section + "ngf", 1, 1024),
                Keys.intIn(c, section + "ndf", 1, 1024),
                Keys.doubleIn(c, "model.pix2pix.lambda-l1", 0, 1e6),
                Keys.bool(c, "model.discriminator.spectral-norm"),
                Keys.intIn(c, "model.discriminator.power-iterations", 1, 100),
                Keys.doubleIn(c, "training.learning-rate", 1e-9, 1),
                Keys.doubleIn(c, "training.beta1", 0, 0.9999),
                Keys.doubleIn(c, "training.beta2", 0, 0.99999),
                c.getLong("training.seed"));
    }
}
