package dev.self2face.job.model;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;
import dev.self2face.etl.dataset.FaceMeasures;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code model.*} keys, validated: the model's kind, size and its own options ({@link ModelOptions}, its section
 * {@code model.<kind>} as its {@link ModelType} parses it), the adversarial loss, the discriminator's options and
 * the optimiser's {@code training.*} keys (G's learning rate, and D's). Also what a published run records about its
 * model.
 *
 * @param options      the model's own ({@code ngf}, {@code ndf}, and {@code z-dim}, {@code lambda-l1},
 *                     {@code attributes}, {@code lambda-cls} or {@code d-steps} where the model has them)
 * @param spectralNorm spectral normalisation in D: the model's own key if it has one, else the discriminator's
 * @param smallData    augmentation, mirrored pairs and G's moving average ({@link SmallData})
 */
public record ModelSettings(String kind, int size, ModelOptions options, boolean spectralNorm, int powerIterations,
                            GanLoss loss, double learningRate, double dLearningRate, double beta1, double beta2,
                            long seed, SmallData smallData) implements Serializable {

    /**
     * Settings without the small-data techniques ({@link SmallData#OFF}), the model's options given as values (its
     * type parses those it has; the others are ignored).
     */
    public ModelSettings(String kind, int size, int zDim, int ngf, int ndf, double lambdaL1, boolean spectralNorm,
                         int powerIterations, GanLoss loss, double learningRate, double dLearningRate, double beta1,
                         double beta2, int dSteps, List<String> attributes, double lambdaCls, long seed) {
        this(kind, size, optionsOf(kind, zDim, ngf, ndf, lambdaL1, dSteps, attributes, lambdaCls, spectralNorm),
                spectralNorm, powerIterations, loss, learningRate, dLearningRate, beta1, beta2, seed, SmallData.OFF);
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
        ModelType type = ModelRegistry.parse("model.kind", Keys.string(c, "model.kind"));
        int size = Keys.intIn(c, "model.size", 64, 256);
        if (size != 64 && size != 128 && size != 256) {
            throw new ConfigError("config key 'model.size' = " + size + ": must be 64, 128 or 256");
        }
        ModelOptions options = type.options(c);
        return new ModelSettings(type.id(), size, options,
                options.spectralNorm() != null ? options.spectralNorm()
                        : Keys.bool(c, "model.discriminator.spectral-norm"),
                Keys.intIn(c, "model.discriminator.power-iterations", 1, 100),
                Keys.oneOf(c, "model.loss", GanLoss.class),
                Keys.doubleIn(c, "training.learning-rate", 1e-9, 1),
                Keys.doubleIn(c, "training.d-learning-rate", 1e-9, 1),
                Keys.doubleIn(c, "training.beta1", 0, 0.9999),
                Keys.doubleIn(c, "training.beta2", 0, 0.99999),
                c.getLong("training.seed"),
                SmallData.from(c));
    }

    /** The options {@code kind}'s type parses from these values (test and benchmark settings made in code). */
    private static ModelOptions optionsOf(String kind, int zDim, int ngf, int ndf, double lambdaL1, int dSteps,
                                          List<String> attributes, double lambdaCls, boolean spectralNorm) {
        String section = "model." + kind + ".";
        Map<String, Object> keys = new HashMap<>();
        keys.put(section + "z-dim", zDim);
        keys.put(section + "ngf", ngf);
        keys.put(section + "ndf", ndf);
        keys.put(section + "lambda-l1", lambdaL1);
        keys.put(section + "d-steps", dSteps);
        keys.put(section + "attributes", attributes);
        keys.put(section + "lambda-cls", lambdaCls);
        keys.put(section + "spectral-norm", spectralNorm);
        return ModelRegistry.type(kind).options(ConfigFactory.parseMap(keys));
    }

    public int zDim() {
        return options.zDim();
    }

    public int ngf() {
        return options.ngf();
    }

    public int ndf() {
        return options.ndf();
    }

    public double lambdaL1() {
        return options.lambdaL1();
    }

    /** D updates per G update. */
    public int dSteps() {
        return options.dSteps();
    }

    /** The attributes a conditional model generates on request ({@link FaceMeasures#NAMES}); empty for the others. */
    public List<String> attributes() {
        return options.attributes();
    }

    /** Weight of the auxiliary classifier's loss (conditional models). */
    public double lambdaCls() {
        return options.lambdaCls();
    }

    /** These settings at another size (64, 128 or 256: {@code what} names where it came from in an error). */
    public ModelSettings withSize(int otherSize, String what) {
        if (otherSize != 64 && otherSize != 128 && otherSize != 256) {
            throw new ConfigError(what + " " + otherSize + ": must be 64, 128 or 256");
        }
        return new ModelSettings(kind, otherSize, options, spectralNorm, powerIterations, loss, learningRate,
                dLearningRate, beta1, beta2, seed, smallData);
    }

    /** These settings with other small-data techniques. */
    public ModelSettings with(SmallData d) {
        return new ModelSettings(kind, size, options, spectralNorm, powerIterations, loss, learningRate,
                dLearningRate, beta1, beta2, seed, d);
    }

    /** A conditional model's {@code attributes} key, checked: known names, at least one, none twice. */
    static List<String> attributes(Config c, String key) {
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
