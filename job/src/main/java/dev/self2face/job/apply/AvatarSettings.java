package dev.self2face.job.apply;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;

import java.io.Serializable;
import java.util.Locale;

/** The {@code avatar.*} keys, validated before anything runs. */
public record AvatarSettings(Layout layout, boolean smoothing, double minCutoff, double beta, double dCutoff,
                             double feather, long seed, int progressSeconds, int segmentSeconds,
                             double warmupSeconds) implements Serializable {

    /** What the output video shows. */
    public enum Layout {
        /** the input with the generated face pasted in */
        PASTE,
        /** input | output */
        SIDE_BY_SIDE,
        /** input | condition | output */
        TRIPTYCH;

        static Layout parse(String key, String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new ConfigError("config key '" + key + "' = '" + value + "': must be paste, side-by-side or "
                        + "triptych");
            }
        }
    }

    public static AvatarSettings from(Config c) {
        return new AvatarSettings(Layout.parse("avatar.layout", Keys.string(c, "avatar.layout")),
                Keys.bool(c, "avatar.smoothing"),
                Keys.doubleIn(c, "avatar.min-cutoff", 1e-3, 1000),
                Keys.doubleIn(c, "avatar.beta", 0, 1000),
                Keys.doubleIn(c, "avatar.d-cutoff", 1e-3, 1000),
                Keys.doubleIn(c, "avatar.feather", 0, 0.5),
                c.getLong("avatar.seed"),
                Keys.intIn(c, "avatar.progress-seconds", 0, 3600),
                Keys.intIn(c, "avatar.segment-seconds", 0, 86_400),
                Keys.doubleIn(c, "avatar.warmup-seconds", 0, 60));
    }
}
