package dev.self2face.config;

/** Which config and Hadoop keys hold secrets: their values are handed to Hadoop only, never printed or recorded. */
public final class Secrets {
    private static final String SECRET_KEYS = "(?i).*(secret|password|token|credential|access[.-]key).*";

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        return key.matches(SECRET_KEYS);
    }
}
