package dev.self2face.job.model;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;
import dev.self2face.etl.dataset.FaceMeasures;

import java.io.Serializable;
import java.util.List;

/**
 * The {@code model.*} keys, validated: the model's kind, size and its own section {@code model.<kind>} (widths
 * {@code ngf}/{@code ndf}, and {@code z-dim}, {@code lambda-l1}, {@code attributes}, {@code lambda-cls},
 * {@code d-steps} or {@code spectral-norm} where the model has them), the adversarial loss, the discriminator's
 * options and the optimiser's {@code training.*} keys (G's learning rate, and D's). Also what a published run records
 * about its model.
 *
 * @param attributes the attributes a conditional model generates on request ({@link FaceMeasures#NAMES}); empty for
 *                   the others
 * @param lambdaCls  weight of the auxiliary classifier's loss (conditional models)
 * @param dSteps     D updates per G update
 * @param smallData  augmentation, mirrored pairs and G's moving average ({@link SmallData})
 */
public record ModelSettings(String kind, int size, int zDim, int ngf, int ndf, double lambdaL1,
                            boolean spectralNorm, int powerIterations, GanLoss loss, double learningRate,
                            double dLearningRate, double beta1, double beta2, int dSteps, List<String> attributes,
                            double lambdaCls, long seed, SmallData smallData) implements Serializable {

    /** Settings without the small-data techniques ({@link SmallData#OFF}). */
    public ModelSettings(String kind, int size, int zDim, int ngf, int ndf, double lambdaL1, boolean spectralNorm,
                         int powerIterations, GanLoss loss, double learningRate, double dLearningRate, double beta1,
                         double beta2, int dSteps, List<String> attributes, double lambdaCls, long seed) {
        this(kind, size, zDim, ngf, ndf, lambdaL1, spectralNorm, powerIterations, loss, learningRate, dLearningRate,
                beta1, beta2, dSteps, attributes, lambdaCls, seed, SmallData.OFF);
    }

    /** Settings of an unconditional model with the binary cross-entropy loss, one learning rate and one D step. */
    public ModelSettings(String kind, int size, int zDim, int ngf, int ndf, double lambdaL1, boolean spectralNorm,
                         int powerIterations, double learningRate, double beta1, double beta2, long seed) {
        this(kind, size, zDim, ngf, ndf, lambdaL1, spectralNorm, powerIterations, GanLoss.BCE, learningRate,
                learningRate, beta1, beta2, 1, List.of(), 0, seed);
    }

    public static ModelSettings from(Config c) {
        ModelSettings m = parse(c);
        if (m.smallData().flip() && m.attributes().contains("yaw")) {
            throw new ConfigError("config key 'training.flip' = true with 'model." + m.kind() + ".attributes' naming "
                    + "yaw: a mirrored face turns the other way, so its yaw label would be wrong; leave yaw out of "
                    + "the attributes or set training.flip = false");
        }
        return m;
    }

    private static ModelSettings parse(Config c) {
        String kind = ModelRegistry.parse("model.kind", Keys.string(c, "model.kind")).id();
        int size = Keys.intIn(c, "model.size", 64, 256);
        if (size != 64 && size != 128 && size != 256) {
            throw new ConfigError("config key 'model.size' = " + size + ": must be 64, 128 or 256");
        }
        String section = "model." + kind + ".";
        String sn = c.hasPath(section + "spectral-norm") ? section + "spectral-norm"
                : "model.discriminator.spectral-norm";
        return new ModelSettings(kind, size,
                c.hasPath(section + "z-dim") ? Keys.intIn(c, section + "z-dim", 1, 4096) : 0,
                Keys.intIn(c, section + "ngf", 1, 1024),
                Keys.intIn(c, section + "ndf", 1, 1024),
                c.hasPath(section + "lambda-l1") ? Keys.doubleIn(c, section + "lambda-l1", 0, 1e6) : 0,
                Keys.bool(c, sn),
                Keys.intIn(c, "model.discriminator.power-iterations", 1, 100),
                Keys.oneOf(c, "model.loss", GanLoss.class),
                Keys.doubleIn(c, "training.learning-rate", 1e-9, 1),
                Keys.doubleIn(c, "training.d-learning-rate", 1e-9, 1),
                Keys.doubleIn(c, "training.beta1", 0, 0.9999),
                Keys.doubleIn(c, "training.beta2", 0, 0.99999),
                c.hasPath(section + "d-steps") ? Keys.intIn(c, section + "d-steps", 1, 20) : 1,
                c.hasPath(section + "attributes") ? attributes(c, section + "attributes") : List.of(),
                c.hasPath(section + "lambda-cls") ? Keys.doubleIn(c, section + "lambda-cls", 0, 1e6) : 0,
                c.getLong("training.seed"),
                SmallData.from(c));
    }

    /** These settings with other small-data techniques. */
    public ModelSettings with(SmallData d) {
        return new ModelSettings(kind, size, zDim, ngf, ndf, lambdaL1, spectralNorm, powerIterations, loss,
                learningRate, dLearningRate, beta1, beta2, dSteps, attributes, lambdaCls, seed, d);
    }

    private static List<String> attributes(Config c, String key) {
        List<String> names;
        try {
            names = c.getStringList(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigError("config key '" + key + "': must be a list of attribute names ("
                    + String.join(", ", FaceMeasures.NAMES) + ")");
        }
        if (names.isEmpty()) {
            throw new ConfigError("config key '" + key + "': must name at least one attribute ("
                    + String.join(", ", FaceMeasures.NAMES) + ")");
        }
        for (String n : names) {
            if (!FaceMeasures.NAMES.contains(n)) {
                throw new ConfigError("config key '" + key + "': unknown attribute '" + n + "' (known: "
                        + String.join(", ", FaceMeasures.NAMES) + ")");
            }
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new ConfigError("config key '" + key + "': names an attribute twice: " + names);
        }
        return List.copyOf(names);
    }

    public ModelType type() {
        return ModelRegistry.type(kind);
    }

    /** A freshly initialised model of these settings. */
    public GanModel create() {
        return type().create(this);
    }
}
