package dev.self2face.job.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.self2face.config.ConfigError;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's search space file (HOCON): the metric and its direction, the algorithm and its parameters, and the
 * parameters to search ({@code params { "config.key" { choice = [...] | uniform = [lo, hi] | log-uniform = [lo, hi]
 * | int-uniform = [lo, hi] } }}). Every mistake is a {@link ConfigError} naming the file and the key.
 *
 * @param maximize   whether a larger metric is better ({@code goal}; absent: the metric's own direction)
 * @param trials     trials to run ({@code --trials} overrides)
 * @param parallel   trials at a time ({@code --parallel} overrides; 0: Spark's default parallelism)
 * @param eta        successive halving's reduction factor: the top 1/η of a rung go on to the next
 * @param minSteps   steps of the first rung (successive halving)
 * @param maxSteps   steps of a full-length trial: the last rung, and every trial of a random search
 */
public record SweepSpace(String file, String metric, Boolean maximize, Algorithm algorithm, int trials, int parallel,
                         long seed, int eta, int minSteps, int maxSteps, List<SweepParam> params)
        implements Serializable {

    /** The search: every trial at full length, or successive halving. */
    public enum Algorithm { RANDOM, HALVING }

    private static final Set<String> TOP = Set.of("metric", "goal", "algorithm", "trials", "parallel", "seed", "eta",
            "min-steps", "max-steps", "params");

    /** Parses and checks the space file's text; {@code file} names it in errors. */
    public static SweepSpace parse(String file, String text) {
        Config c;
        try {
            c = ConfigFactory.parseString(text).resolve();
        } catch (ConfigException e) {
            throw new ConfigError("space file " + file + ": " + e.getMessage());
        }
        for (String key : c.root().keySet()) {
            if (!TOP.contains(key)) {
                throw new ConfigError("space file " + file + ": unknown key '" + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(TOP)) + ")");
            }
        }
        try {
            String metric = required(c, file, "metric");
            Boolean maximize = null;
            if (c.hasPath("goal")) {
                String g = c.getString("goal").toLowerCase(Locale.ROOT);
                if (!g.equals("minimize") && !g.equals("maximize")) {
                    throw new ConfigError("space file " + file + ": key 'goal' = " + g + ": must be minimize or "
                            + "maximize");
                }
                maximize = g.equals("maximize");
            }
            Algorithm algorithm = Algorithm.HALVING;
            if (c.hasPath("algorithm")) {
                String a = c.getString("algorithm").toLowerCase(Locale.ROOT);
                if (!a.equals("random") && !a.equals("halving")) {
                    throw new ConfigError("space file " + file + ": key 'algorithm' = " + a + ": must be random or "
                            + "halving");
                }
                algorithm = a.equals("random") ? Algorithm.RANDOM : Algorithm.HALVING;
            }
            int trials = intIn(c, file, "trials", 8, 1, 10_000);
            int parallel = intIn(c, file, "parallel", 0, 0, 10_000);
            long seed = c.hasPath("seed") ? c.getLong("seed") : 1;
            int eta = intIn(c, file, "eta", 3, 2, 100);
            int maxSteps = intIn(c, file, "max-steps", 1000, 1, 100_000_000);
            int minSteps = intIn(c, file, "min-steps", Math.max(1, maxSteps / 9), 1, maxSteps);
            if (!c.hasPath("params") || c.getObject("params").isEmpty()) {
                throw new ConfigError("space file " + file + ": key 'params' is missing or empty: the config keys "
                        + "to search, e.g. params { \"training.learning-rate\" { log-uniform = [1e-5, 1e-3] } }");
            }
            List<SweepParam> params = new ArrayList<>();
            for (Map.Entry<String, ConfigValue> e : c.getObject("params").entrySet()) {
                params.add(param(file, e.getKey(), e.getValue()));
            }
            return new SweepSpace(file, metric, maximize, algorithm, trials, parallel, seed, eta, minSteps, maxSteps,
                    List.copyOf(params));
        } catch (ConfigException e) {
            throw new ConfigError("space file " + file + ": " + e.getMessage());
        }
    }

    private static SweepParam param(String file, String key, ConfigValue v) {
        String where = "space file " + file + ": params.\"" + key + "\"";
        if (v.valueType() != ConfigValueType.OBJECT) {
            throw new ConfigError(where + ": must be an object with one of choice, uniform, log-uniform, "
                    + "int-uniform");
        }
        Config p = ((com.typesafe.config.ConfigObject) v).toConfig();
        if (p.root().size() != 1) {
            throw new ConfigError(where + ": must have exactly one of choice, uniform, log-uniform, int-uniform (has "
                    + p.root().keySet() + ")");
        }
        String how = p.root().keySet().iterator().next();
        SweepParam.Kind kind = null;
        for (SweepParam.Kind k : SweepParam.Kind.values()) {
            if (k.spelling().equals(how)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new ConfigError(where + ": unknown '" + how + "' (choice, uniform, log-uniform, int-uniform)");
        }
        List<Object> values = new ArrayList<>(p.getList(how).unwrapped());
        if (kind == SweepParam.Kind.CHOICE) {
            if (values.isEmpty()) {
                throw new ConfigError(where + ".choice: empty: give at least one value");
            }
            return new SweepParam(key, kind, List.copyOf(values), 0, 0);
        }
        if (values.size() != 2 || !(values.get(0) instanceof Number) || !(values.get(1) instanceof Number)) {
            throw new ConfigError(where + "." + how + ": must be [low, high], two numbers");
        }
        double lo = ((Number) values.get(0)).doubleValue();
        double hi = ((Number) values.get(1)).doubleValue();
        if (!(lo < hi) && !(kind == SweepParam.Kind.INT_UNIFORM && lo == hi)) {
            throw new ConfigError(where + "." + how + " = [" + lo + ", " + hi + "]: an empty range (low must be "
                    + "below high)");
        }
        if (kind == SweepParam.Kind.LOG_UNIFORM && lo <= 0) {
            throw new ConfigError(where + ".log-uniform = [" + lo + ", " + hi + "]: must be above 0");
        }
        if (kind == SweepParam.Kind.INT_UNIFORM && (lo != Math.rint(lo) || hi != Math.rint(hi))) {
            throw new ConfigError(where + ".int-uniform = [" + lo + ", " + hi + "]: must be integers");
        }
        return new SweepParam(key, kind, List.of(), lo, hi);
    }

    private static String required(Config c, String file, String key) {
        if (!c.hasPath(key)) {
            throw new ConfigError("space file " + file + ": key '" + key + "' is missing");
        }
        return c.getString(key);
    }

    private static int intIn(Config c, String file, String key, int fallback, int min, int max) {
        int v = c.hasPath(key) ? c.getInt(key) : fallback;
        if (v < min || v > max) {
            throw new ConfigError("space file " + file + ": key '" + key + "' = " + v + ": must be between " + min
                    + " and " + max);
        }
        return v;
    }

    /** This space with the command line's {@code --trials} and {@code --parallel} (null: the file's). */
    public SweepSpace with(Integer trials, Integer parallel) {
        if (trials != null && (trials < 1 || trials > 10_000)) {
            throw new ConfigError("--trials " + trials + ": must be in [1, 10000] (as the space file's trials)");
        }
        if (parallel != null && (parallel < 0 || parallel > 10_000)) {
            throw new ConfigError("--parallel " + parallel + ": must be in [0, 10000] (0: Spark's default "
                    + "parallelism), as the space file's parallel");
        }
        return new SweepSpace(file, metric, maximize, algorithm, trials != null ? trials : this.trials,
                parallel != null ? parallel : this.parallel, seed, eta, minSteps, maxSteps, params);
    }

    /**
     * The rungs' steps: successive halving trains min-steps·η^k up to max-steps (the last rung is max-steps); a
     * random search has one rung, max-steps.
     */
    public List<Integer> rungs() {
        List<Integer> out = new ArrayList<>();
        if (algorithm == Algorithm.RANDOM) {
            return List.of(maxSteps);
        }
        long r = minSteps;
        while (r < maxSteps) {
            out.add((int) r);
            r *= eta;
        }
        out.add(maxSteps);
        return out;
    }
}
