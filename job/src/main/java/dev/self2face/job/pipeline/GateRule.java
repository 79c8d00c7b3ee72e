package dev.self2face.job.pipeline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.self2face.config.ConfigError;
import dev.self2face.job.eval.Metric;
import dev.self2face.job.model.ModelRegistry;

import dev.self2face.job.eval.QualityWarning;
import dev.self2face.job.eval.QualityWatch;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A model's quality gate ({@code pipeline.gate.<model>}): the candidate passes when its {@code metric} is not worse
 * than the live model's — both measured on the same val pairs — by more than {@code tolerance}, a fraction of the
 * live figure. Without a comparable live model (the first run, or one of another kind or size) the candidate
 * passes that comparison. Either way a candidate whose own final evaluation shows one of the quality warnings
 * {@code block-on} names (mode-collapse, memorisation, below-retrieval, few-faces; docs/QUALITY.md) is rejected — the
 * first model of a root included.
 */
public record GateRule(String model, String metric, boolean higherIsBetter, double tolerance, List<String> blockOn) {

    /** Whether the candidate passes, and the sentence that explains it. */
    public record Verdict(boolean passed, String reason) {
    }

    /** {@code gate.json}, beside the candidate: the decision, why, and what it was made on. */
    record Record(Decision decision, String reason, String metric, double tolerance,
                  List<String> blockOn, List<String> finalWarnings, Double candidate, Double live, String liveRun,
                  long valPairs) {
    }

    static GateRule from(Config c, String model, List<Metric> computed) {
        String prefix = "pipeline.gate." + model;
        for (String key : c.hasPath(prefix) ? c.getConfig(prefix).root().keySet() : List.<String>of()) {
            if (!key.equals("metric") && !key.equals("tolerance") && !key.equals("block-on")) {
                throw new ConfigError("unknown config key '" + prefix + "." + key + "' (a gate has metric, "
                        + "tolerance and block-on)");
            }
        }
        // the model's own gate metric unless the config names another
        String name = c.hasPath(prefix + ".metric") ? c.getString(prefix + ".metric")
                : ModelRegistry.type(model).gateMetric();
        boolean own = !c.hasPath(prefix + ".metric");
        Metric metric = computed.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(
                () -> new ConfigError("config key '" + prefix + ".metric' = " + name + (own ? " (" + model
                        + "'s own gate metric)" : "") + ": " + model + " does not compute it with its "
                        + "training.metrics (it computes: " + names(computed) + ")"));
        double tolerance;
        try {
            tolerance = c.hasPath(prefix + ".tolerance") ? c.getDouble(prefix + ".tolerance") : 0;
        } catch (ConfigException e) {
            throw new ConfigError("config key '" + prefix + ".tolerance': must be a number");
        }
        if (!(tolerance >= 0 && tolerance <= 10)) {
            throw new ConfigError("config key '" + prefix + ".tolerance' = " + tolerance + ": must be in [0, 10]");
        }
        return new GateRule(model, name, metric.higherIsBetter(), tolerance, blockOn(c, prefix + ".block-on"));
    }

    private static List<String> blockOn(Config c, String key) {
        if (!c.hasPath(key)) {
            return List.of();
        }
        List<String> codes;
        try {
            codes = c.getStringList(key);
        } catch (ConfigException e) {
            throw new ConfigError("config key '" + key + "': must be a list of quality warnings ("
                    + String.join(", ", QualityWatch.CODES) + ")");
        }
        for (String code : codes) {
            if (!QualityWatch.CODES.contains(code)) {
                throw new ConfigError("config key '" + key + "': unknown quality warning '" + code + "' (known: "
                        + String.join(", ", QualityWatch.CODES) + ")");
            }
        }
        return List.copyOf(codes);
    }

    /**
     * The decision for a candidate whose final evaluation shows {@code finalWarnings}: rejected for any warning
     * {@code block-on} names, else as {@link #decide(double, OptionalDouble)}.
     */
    public Verdict decide(double candidate, OptionalDouble live, List<QualityWarning> finalWarnings) {
        List<String> blocking = finalWarnings.stream().filter(w -> blockOn.contains(w.code()))
                .map(w -> w.code() + " (" + w.message() + ")").distinct().toList();
        if (!blocking.isEmpty()) {
            return new Verdict(false, "its final evaluation shows " + String.join("; ", blocking)
                    + ", which pipeline.gate." + model + ".block-on refuses");
        }
        Verdict d = decide(candidate, live);
        List<String> shown = finalWarnings.stream().map(QualityWarning::code).distinct().toList();
        return shown.isEmpty() ? d : new Verdict(d.passed(), d.reason() + " (its final evaluation shows "
                + String.join(", ", shown) + ", which block-on lets through)");
    }

    /** @param live the live model's figure on the same val pairs, if there is a comparable live model */
    public Verdict decide(double candidate, OptionalDouble live) {
        if (!Double.isFinite(candidate)) {
            return new Verdict(false, metric + " of the candidate is " + candidate);
        }
        if (live.isEmpty()) {
            return new Verdict(true, "no live model to compare with: the first one is published");
        }
        double l = live.getAsDouble();
        double limit = higherIsBetter ? l - tolerance * Math.abs(l) : l + tolerance * Math.abs(l);
        boolean passed = higherIsBetter ? candidate >= limit : candidate <= limit;
        String direction = higherIsBetter ? "higher" : "lower";
        return new Verdict(passed, String.format(Locale.ROOT,
                "%s %.4g vs live %.4g (%s is better; limit %.4g with tolerance %.0f%%): %s", metric, candidate, l,
                direction, limit, tolerance * 100, passed ? "not worse" : "worse than the live model"));
    }

    private static String names(List<Metric> computed) {
        return String.join(", ", computed.stream().map(Metric::name).toList());
    }
}
