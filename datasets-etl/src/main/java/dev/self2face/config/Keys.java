package dev.self2face.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/** Typed reads of config keys with range checks; every error names the key and the reason. */
public final class Keys {
    private Keys() {
    }

    public static int intIn(Config c, String key, int min, int max) {
        int v;
        try {
            v = c.getInt(key);
        } catch (ConfigException e) {
            throw new ConfigError("config key '" + key + "': " + reason(e));
        }
        if (v < min || v > max) {
            throw new ConfigError("config key '" + key + "' = " + v + ": must be between " + min + " and " + max);
        }
        return v;
    }

    public static double doubleIn(Config c, String key, double min, double max) {
        double v;
        try {
            v = c.getDouble(key);
        } catch (ConfigException e) {
            throw new ConfigError("config key '" + key + "': " + reason(e));
        }
        if (!(v >= min && v <= max)) {
            throw new ConfigError("config key '" + key + "' = " + v + ": must be between " + min + " and " + max);
        }
        return v;
    }

    public static boolean bool(Config c, String key) {
        try {
            return c.getBoolean(key);
        } catch (ConfigException e) {
            throw new ConfigError("config key '" + key + "': " + reason(e));
        }
    }

    public static String string(Config c, String key) {
        try {
            return c.getString(key);
        } catch (ConfigException e) {
            throw new ConfigError("config key '" + key + "': " + reason(e));
        }
    }

    public static <E extends Enum<E>> E oneOf(Config c, String key, Class<E> type) {
        String v = string(c, key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.replace('-', '_'))) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase().replace('_', '-'));
        }
        throw new ConfigError("config key '" + key + "' = " + v + ": must be one of " + allowed);
    }

    private static String reason(ConfigException e) {
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        return colon >= 0 && m.startsWith("String") ? m.substring(colon + 2) : m;
    }
}
