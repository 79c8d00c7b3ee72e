package dev.self2face.job.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One dimension of a search space: a config key and how its values are drawn — one of a list of {@code choice}s, a
 * {@code uniform} or {@code log-uniform} range of numbers, or an {@code int-uniform} range of integers (both ends
 * included).
 */
public record SweepParam(String key, Kind kind, List<Object> choices, double low, double high)
        implements Serializable {

    /** How values are drawn; the name is the space file's. */
    public enum Kind {
        CHOICE, UNIFORM, LOG_UNIFORM, INT_UNIFORM;

        public String spelling() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A value drawn with {@code r}. */
    public Object sample(Random r) {
        return switch (kind) {
            case CHOICE -> choices.get(r.nextInt(choices.size()));
            case UNIFORM -> low + r.nextDouble() * (high - low);
            case LOG_UNIFORM -> Math.exp(Math.log(low) + r.nextDouble() * (Math.log(high) - Math.log(low)));
            case INT_UNIFORM -> (long) low + r.nextInt((int) (high - low) + 1);
        };
    }

    /** The value as a {@code --set} right-hand side. */
    public static String render(Object v) {
        if (v instanceof Double d) {
            return Double.toString(d);
        }
        if (v instanceof String s) {
            return "\"" + s.replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(v);
    }

    /** Whether plots should show the value on a log axis. */
    public boolean logScale() {
        return kind == Kind.LOG_UNIFORM;
    }

    /** Whether the values are numbers (plotted on an axis) rather than categories. */
    public boolean numeric() {
        return kind != Kind.CHOICE || choices.stream().allMatch(c -> c instanceof Number);
    }
}
