package dev.self2face.job.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named numbers, in the order they were put: a step's losses and D outputs, a metric's values and baselines. A value
 * that was not measured is absent (never NaN), so every consumer (metrics.jsonl, evaluation.json, loss.png, the
 * console) shows what a run has without knowing its model or metrics.
 */
public final class Figures {
    private final Map<String, Double> values = new LinkedHashMap<>();

    public static Figures none() {
        return new Figures();
    }

    /** Puts {@code value} under {@code name}, unless it is NaN. */
    public Figures put(String name, double value) {
        if (!Double.isNaN(value)) {
            values.put(name, value);
        }
        return this;
    }

    public Figures putAll(Figures other) {
        values.putAll(other.values);
        return this;
    }

    /** A copy with every name prefixed: the same figures measured another way get another name. */
    public Figures prefixed(String prefix) {
        Figures f = new Figures();
        values.forEach((k, v) -> f.values.put(prefix + k, v));
        return f;
    }

    /** The value of {@code name}, NaN when it was not measured. */
    public double get(String name) {
        return values.getOrDefault(name, Double.NaN);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Whether every value is finite: a NaN or infinite loss means training diverged. */
    public boolean finite() {
        return values.values().stream().allMatch(Double::isFinite);
    }

    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.length() == 0 ? "" : " · ").append(k).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.3f", v)));
        return b.toString();
    }
}
