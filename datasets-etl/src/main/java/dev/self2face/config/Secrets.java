package dev.self2face.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which config and Hadoop keys hold secrets (their values are handed to Hadoop only, never printed or recorded), and
 * the secret values this process has loaded, so that any message can be cleaned of them before it is printed:
 * exception texts from libraries are not ours to trust.
 */
public final class Secrets {
    private static final String SECRET_KEYS = "(?i).*(secret|password|token|credential|access[.-]key).*";
    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        return key.matches(SECRET_KEYS);
    }

    /** Remembers the value of a secret key (values under 4 characters are too short to find safely). */
    public static void remember(String value) {
        if (value != null && value.length() >= 4) {
            VALUES.add(value);
        }
    }

    /** {@code message} with every remembered secret replaced by {@code *****}. */
    public static String scrub(String message) {
        String out = message;
        for (String v : VALUES) {
            out = out.replace(v, "*****");
        }
        return out;
    }
}
