package dev.self2face.etl;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;
import dev.self2face.etl.face.AlignerKind;
import dev.self2face.etl.face.ConditionKind;
import dev.self2face.etl.identity.IdentityMode;

import java.io.Serializable;
import java.util.List;

/** The validated {@code etl.*} keys; built once on the driver and shipped to executors. */
public record EtlSettings(
        int segmentSeconds,
        int targetPairs,
        int minGapMs,
        int detectMaxSide,
        int minFacePx,
        double minFaceFraction,
        int trackSeconds,
        int size,
        double eyeDistance,
        double eyeY,
        double minSharpness,
        int dedupeDistance,
        AlignerKind aligner,
        String landmarksModel,
        ConditionKind condition,
        int cannyLow,
        int cannyHigh,
        double valFraction,
        int contactSheetPairs,
        int progressSeconds,
        IdentitySettings identity,
        boolean dropRepeats) implements Serializable {

    /** The {@code etl.identity*} keys. */
    public record IdentitySettings(IdentityMode mode, String weights, List<String> reference, double cut,
                                   double referenceCut, double minClusterFraction, int sample)
            implements Serializable {
        static IdentitySettings from(Config c) {
            IdentitySettings s = new IdentitySettings(Keys.oneOf(c, "etl.identity", IdentityMode.class),
                    Keys.string(c, "etl.identity-weights"), c.getStringList("etl.identity-reference"),
                    Keys.doubleIn(c, "etl.identity-cut", 0.05, 2),
                    Keys.doubleIn(c, "etl.identity-reference-cut", 0.05, 2),
                    Keys.doubleIn(c, "etl.identity-min-cluster", 0, 1),
                    Keys.intIn(c, "etl.identity-sample", 10, 20_000));
            if (s.mode == IdentityMode.REFERENCE && s.reference.isEmpty()) {
                throw new ConfigError("config key 'etl.identity-reference' is empty: etl.identity = reference needs"
                        + " photos (files or folders) of the person to keep");
            }
            return s;
        }

        public boolean on() {
            return mode != IdentityMode.OFF;
        }
    }

    public static EtlSettings from(Config c) {
        EtlSettings s = new EtlSettings(
                Keys.intIn(c, "etl.segment-seconds", 1, 24 * 3600),
                Keys.intIn(c, "etl.target-pairs", 1, 10_000_000),
                Keys.intIn(c, "etl.min-gap-ms", 0, 3_600_000),
                Keys.intIn(c, "etl.detect-max-side", 64, 8192),
                Keys.intIn(c, "etl.min-face-px", 8, 8192),
                Keys.doubleIn(c, "etl.min-face-fraction", 0, 1),
                Keys.intIn(c, "etl.track-seconds", 0, 3600),
                Keys.intIn(c, "etl.size", 16, 2048),
                Keys.doubleIn(c, "etl.eye-distance", 0.05, 0.8),
                Keys.doubleIn(c, "etl.eye-y", 0.1, 0.9),
                Keys.doubleIn(c, "etl.min-sharpness", 0, 1e9),
                Keys.intIn(c, "etl.dedupe-distance", -1, 64),
                Keys.oneOf(c, "etl.aligner", AlignerKind.class),
                Keys.string(c, "etl.landmarks-model"),
                Keys.oneOf(c, "etl.condition", ConditionKind.class),
                Keys.intIn(c, "etl.canny-low", 0, 1000),
                Keys.intIn(c, "etl.canny-high", 0, 1000),
                Keys.doubleIn(c, "etl.val-fraction", 0, 0.9),
                Keys.intIn(c, "etl.contact-sheet-pairs", 0, 1000),
                Keys.intIn(c, "etl.progress-seconds", 1, 3600),
                IdentitySettings.from(c),
                Keys.bool(c, "etl.drop-repeats"));
        if (s.cannyLow > s.cannyHigh) {
            throw new ConfigError("config key 'etl.canny-low' = " + s.cannyLow
                    + ": must not exceed etl.canny-high = " + s.cannyHigh);
        }
        if (s.trackSeconds > 0 && s.segmentSeconds % s.trackSeconds != 0) {
            throw new ConfigError("config key 'etl.track-seconds' = " + s.trackSeconds
                    + ": must divide etl.segment-seconds = " + s.segmentSeconds + " (tracking windows must not"
                    + " straddle segments)");
        }
        if (s.condition == ConditionKind.LANDMARKS && s.aligner != AlignerKind.LANDMARKS) {
            throw new ConfigError("config key 'etl.condition' = landmarks needs etl.aligner ="
                    + " landmarks (it is " + s.aligner.name().toLowerCase() + ")");
        }
        return s;
    }

    /** The same settings with another aligner (and a condition it can draw). */
    public EtlSettings withAligner(AlignerKind a) {
        ConditionKind c = a == AlignerKind.LANDMARKS ? condition : ConditionKind.EDGES;
        return new EtlSettings(segmentSeconds, targetPairs, minGapMs, detectMaxSide, minFacePx, minFaceFraction,
                trackSeconds, size,
                eyeDistance, eyeY, minSharpness, dedupeDistance, a, landmarksModel, c, cannyLow, cannyHigh,
                valFraction, contactSheetPairs, progressSeconds, identity, dropRepeats);
    }

    /**
     * The same settings with a photo's face search (a photo's face is often far smaller than a video's): searched at
     * up to 1600 px, down to 24 px or 2 % of the shorter side (as {@code translate} searches photos).
     */
    public EtlSettings forPhotos() {
        return new EtlSettings(segmentSeconds, targetPairs, minGapMs, Math.max(detectMaxSide, 1600), 24, 0.02,
                trackSeconds, size, eyeDistance, eyeY, minSharpness, dedupeDistance, aligner, landmarksModel,
                condition, cannyLow, cannyHigh, valFraction, contactSheetPairs, progressSeconds, identity,
                dropRepeats);
    }

    /** True when the landmark model is needed (and must be readable before Spark starts). */
    public boolean needsLandmarks() {
        return aligner == AlignerKind.LANDMARKS;
    }
}
