package dev.self2face.config;

/** Invalid configuration or command-line input: reported before Spark starts, exit code 2. */
public class ConfigError extends RuntimeException {
    public ConfigError(String message) {
        super(message);
    }
}
