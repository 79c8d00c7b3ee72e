package dev.self2face.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the one resolved {@link Config} of a run: {@code reference.conf} (inside the jars) &lt; {@code --conf FILE}
 * (repeatable, later files over earlier ones) &lt; {@code --set key=value}. Every key a user sets must exist in the
 * reference with a compatible type, so a typo fails here, before Spark starts, naming the key and where it came
 * from. This is the only place that looks at the
 * environment (for the standard AWS variables referenced from reference.conf) and system properties.
 */
public final class ConfigLoader {
    /**
     * Maps whose keys are passed through as they are (Spark and Hadoop settings), or checked by the settings that
     * read them (the pipeline's per-model sections, whose keys are other keys: {@link #checkKnown(Config, String)}).
     */
    private static final Set<String> FREE_FORM = Set.of("spark.conf", "storage.hadoop", "pipeline.train",
            "pipeline.gate");

    private ConfigLoader() {
    }

    /** @param confFiles {@code --conf} files, each layered over the ones before it */
    public static Config load(List<File> confFiles, List<String> sets) {
        Config reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
        Config resolvedReference = reference.withFallback(ConfigFactory.systemProperties()).resolve();
        Config file = ConfigFactory.empty();
        for (File confFile : confFiles) {
            if (!confFile.isFile()) {
                throw new ConfigError("config file " + confFile + ": no such file");
            }
            Config one;
            try {
                one = ConfigFactory.parseFile(confFile, ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new ConfigError("config file " + confFile + ": " + e.getMessage());
            }
            checkKnown(resolvedReference, one, "config file " + confFile);
            file = one.withFallback(file);
        }
        Config overrides = parseSets(sets == null ? List.of() : sets);
        checkKnown(resolvedReference, overrides, "--set");

        // system properties only as the lowest layer, for ${java.io.tmpdir}; ${?AWS_...} fall back to the
        // environment by the resolver's own rule
        Config merged = overrides.withFallback(file).withFallback(reference)
                .withFallback(ConfigFactory.systemProperties());
        try {
            return merged.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
        } catch (ConfigException e) {
            throw new ConfigError("configuration: " + e.getMessage());
        }
    }

    /** The keys a user set with {@code --conf FILE} and {@code --set} (file errors are reported by load). */
    public static Set<String> userKeys(List<File> confFiles, List<String> sets) {
        Set<String> keys = new TreeSet<>();
        for (File confFile : confFiles) {
            if (!confFile.isFile()) {
                continue;
            }
            try {
                ConfigFactory.parseFile(confFile).entrySet().forEach(e -> keys.add(e.getKey()));
            } catch (ConfigException e) {
                // load() names the file and the problem
            }
        }
        parseSets(sets == null ? List.of() : sets).entrySet().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    /** The parts of a resolved config worth recording with a dataset or run, with every secret redacted. */
    public static Map<String, Object> forRecord(Config c, String... sections) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String section : sections) {
            Map<String, Object> flat = new TreeMap<>();
            for (Map.Entry<String, ConfigValue> e : c.getConfig(section).entrySet()) {
                boolean secret = Secrets.isSecret(e.getKey());
                flat.put(e.getKey(), secret ? "*****" : e.getValue().unwrapped());
            }
            out.put(section, flat);
        }
        return out;
    }

    /**
     * The resolved config of {@code sections} as HOCON-style {@code key = value} lines, sorted, with every secret
     * masked ({@code config --show}).
     */
    public static String show(Config c, String... sections) {
        StringBuilder b = new StringBuilder();
        for (String section : sections) {
            if (!c.hasPath(section)) {
                continue;
            }
            TreeMap<String, String> lines = new TreeMap<>();
            for (Map.Entry<String, ConfigValue> e : c.getConfig(section).entrySet()) {
                boolean secret = Secrets.isSecret(e.getKey());
                String value = e.getValue().render(ConfigRenderOptions.concise());
                lines.put(section + "." + e.getKey(), secret && !"\"\"".equals(value) ? "\"*****\"" : value);
            }
            lines.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        }
        return b.toString();
    }

    /**
     * {@code key=value} pairs; values are kept as strings and converted by the typed getters, except a value in
     * brackets, which is a HOCON list ({@code training.metrics=[val_l1, sample_pairwise_l1]}), and a value in double
     * quotes, which is a HOCON quoted string ({@code training.out="[draft] run"}: what the commands pass for their
     * options, so any file name is a name).
     */
    static Config parseSets(List<String> sets) {
        Config c = ConfigFactory.empty();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ConfigError("--set " + s + ": expected key=value");
            }
            String key = s.substring(0, eq).trim();
            String value = s.substring(eq + 1).trim();
            try {
                c = c.withValue(key, value.startsWith("[") || value.startsWith("\"")
                        ? ConfigFactory.parseString("v = " + value).getValue("v")
                        : ConfigValueFactory.fromAnyRef(value, "--set " + key));
            } catch (ConfigException e) {
                throw new ConfigError("--set " + s + ": " + e.getMessage());
            }
        }
        return c;
    }

    /**
     * Fails with a {@link ConfigError} naming {@code origin} when {@code user} holds a key the reference does not know
     * (with a suggestion) or a value of the wrong type: for sections whose keys are other config keys.
     */
    public static void checkKnown(Config user, String origin) {
        Config reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf")
                .withFallback(ConfigFactory.systemProperties()).resolve();
        checkKnown(reference, user, origin);
    }

    private static void checkKnown(Config reference, Config user, String origin) {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String key = e.getKey();
            if (FREE_FORM.stream().anyMatch(p -> key.startsWith(p + "."))) {
                continue;
            }
            if (!reference.hasPathOrNull(key)) {
                errors.add("unknown config key '" + key + "' (" + origin + ")" + suggestion(reference, key));
                continue;
            }
            ConfigValueType expected = reference.getValue(key).valueType();
            ConfigValue actual = e.getValue();
            if (!compatible(expected, actual)) {
                errors.add("config key '" + key + "' (" + origin + "): expected " + expected.name().toLowerCase()
                        + ", got " + actual.valueType().name().toLowerCase() + " " + actual.render());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigError(String.join("\n", errors));
        }
    }

    private static boolean compatible(ConfigValueType expected, ConfigValue actual) {
        if (expected == actual.valueType() || expected == ConfigValueType.STRING) {
            return actual.valueType() != ConfigValueType.OBJECT && actual.valueType() != ConfigValueType.LIST
                    || expected == actual.valueType();
        }
        if (actual.valueType() == ConfigValueType.STRING) {
            String s = ((String) actual.unwrapped()).trim();
            return switch (expected) {
                case NUMBER -> s.matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
                case BOOLEAN -> s.matches("(?i)true|false|yes|no|on|off");
                default -> false;
            };
        }
        return false;
    }

    private static String suggestion(Config reference, String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
            int d = levenshtein(e.getKey(), key);
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getKey();
            }
        }
        return best != null && bestDistance <= 3 ? "; did you mean '" + best + "'?" : "";
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
