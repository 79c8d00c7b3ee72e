package dev.self2face.job.model;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;

import java.io.Serializable;
import java.util.List;

/**
 * What makes a GAN learn from a few hundred faces (a person's first nightly run) rather than tens of thousands: the
 * keys {@code training.augment} (the {@link Policy}s of differentiable augmentation in front of D, empty = off),
 * {@code training.flip} (mirrored pairs), {@code training.g-ema} (an exponential moving average of G's weights with
 * this half-life in images, 0 = off) and {@code training.ada-target} (adaptive augmentation strength towards this
 * share of real images D calls real, as a sign mean; 0 = always apply the policies).
 *
 * @param adaImages images over which adaptive augmentation may move its probability from 0 to 1
 */
public record SmallData(List<Policy> augment, boolean flip, double gEmaImages, double adaTarget, double adaImages)
        implements Serializable {
    /** Today's training without any of it. */
    public static final SmallData OFF = new SmallData(List.of(), false, 0, 0, 1);

    /** A DiffAugment policy (Zhao et al. 2020). */
    public enum Policy { COLOUR, TRANSLATION, CUTOUT }

    public static SmallData from(Config c) {
        List<String> names;
        try {
            names = c.getStringList("training.augment");
        } catch (ConfigException e) {
            throw new ConfigError("config key 'training.augment': must be a list of policies (colour, translation, "
                    + "cutout), or [] for none");
        }
        List<Policy> policies = names.stream().map(n -> {
            try {
                return Policy.valueOf(n.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigError("config key 'training.augment': unknown policy '" + n + "' (known: colour, "
                        + "translation, cutout)");
            }
        }).distinct().toList();
        return new SmallData(policies, Keys.bool(c, "training.flip"),
                Keys.doubleIn(c, "training.g-ema", 0, 1e12),
                Keys.doubleIn(c, "training.ada-target", 0, 1),
                Keys.doubleIn(c, "training.ada-images", 1, 1e12));
    }

    public boolean augments() {
        return !augment.isEmpty();
    }

    public boolean adaptive() {
        return augments() && adaTarget > 0;
    }

    /** The EMA's weight on its old value after {@code images} more images: 0.5^(images / half-life). */
    public double emaBeta(long images) {
        return Math.pow(0.5, images / gEmaImages);
    }
}
