package dev.self2face.job.cli;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;

import java.util.List;

/** Option values as HOCON for {@code --set}-style overrides. */
final class Hocon {
    private Hocon() {
    }

    /** One value: a string quoted (an --out "[draft] run" is a name, not a HOCON list), a number as it is. */
    static String value(Object value) {
        return ConfigValueFactory.fromAnyRef(value).render(ConfigRenderOptions.concise());
    }

    /** A list of strings, each quoted (URIs hold characters HOCON would read otherwise). */
    static String list(List<String> values) {
        return ConfigValueFactory.fromIterable(values).render(ConfigRenderOptions.concise());
    }

    /**
     * Adds {@code key=value} to {@code sets} unless the option was not given (null): how every command's options
     * become config keys, layered over --conf and --set by the one loader.
     */
    static void set(List<String> sets, String key, Object value) {
        if (value instanceof List<?> l) {
            sets.add(key + "=" + list(l.stream().map(String::valueOf).toList()));
        } else if (value != null) {
            sets.add(key + "=" + value(value));
        }
    }
}
