package dev.self2face.job.apply;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Where an avatar video's wall time went, by stage (bench avatar prints it). Not thread-safe: one per video. */
public final class AvatarStages implements Serializable {
    /** The stages of one frame, in the order a frame goes through them. */
    public enum Stage {
        /** demuxing, decoding and converting the frame to a BGR Mat */
        DECODE("decode"),
        /** face detection, landmarks, their smoothing, alignment and the condition image */
        FACE("detect + landmarks + align + sketch"),
        /** G's forward pass, with the tensors in and out */
        GENERATOR("generator"),
        /** the paste into the frame, the layout and the per-frame statistics */
        PASTE("paste + layout"),
        /** converting and encoding the output frame (and the audio that comes with it) */
        ENCODE("encode");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final EnumMap<Stage, Long> nanos = new EnumMap<>(Stage.class);

    /** Adds the time since {@code startNanos} to {@code stage}; returns now, the start of whatever comes next. */
    long add(Stage stage, long startNanos) {
        long now = System.nanoTime();
        nanos.merge(stage, now - startNanos, Long::sum);
        return now;
    }

    /** These stages and {@code other}'s summed (segments of one video processed apart: their task time). */
    AvatarStages plus(AvatarStages other) {
        AvatarStages sum = new AvatarStages();
        sum.nanos.putAll(nanos);
        other.nanos.forEach((k, v) -> sum.nanos.merge(k, v, Long::sum));
        return sum;
    }

    /** Seconds per stage, in stage order (a stage never entered is absent). */
    public Map<Stage, Double> seconds() {
        Map<Stage, Double> out = new EnumMap<>(Stage.class);
        nanos.forEach((k, v) -> out.put(k, v / 1e9));
        return out;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        seconds().forEach((k, v) -> b.append(b.length() == 0 ? "" : " · ").append(k.label())
                .append(String.format(Locale.ROOT, " %.2fs", v)));
        return b.toString();
    }
}
