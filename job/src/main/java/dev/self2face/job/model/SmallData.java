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

    /**
     * The share of its old value G's moving average keeps after {@code images} more images, {@code seen} images into
     * the run: 0.5^(images / h) with the half-life h = min({@code g-ema}, {@value #EMA_RAMP} · seen) — StyleGAN2-ADA's
     * ramp-up, so that early on, when G changes fastest, the average does not hold on to its random start.
     */
    public double emaBeta(long images, long seen) {
        double halfLife = Math.min(gEmaImages, EMA_RAMP * seen);
        return halfLife <= 0 ? 0 : Math.pow(0.5, images / halfLife);
    }

    /** The moving average's half-life is at most this share of the images seen. */
    public static final double EMA_RAMP = 0.1;
}
