package dev.self2face.storage;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;
import dev.self2face.config.Secrets;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code storage.*} keys: s3a endpoint, style and credentials, plus free-form Hadoop settings. The secret is
 * held here and handed to Hadoop only; {@link #toString()} never shows it.
 */
public final class StorageSettings implements Serializable {
    private final Map<String, String> hadoop;
    private final String localCacheDir;
    private final int lockStaleSeconds;

    private StorageSettings(Map<String, String> hadoop, String localCacheDir, int lockStaleSeconds) {
        this.hadoop = hadoop;
        this.localCacheDir = localCacheDir;
        this.lockStaleSeconds = lockStaleSeconds;
    }

    public static StorageSettings from(Config c) {
        Map<String, String> h = new LinkedHashMap<>();
        String endpoint = Keys.string(c, "storage.s3.endpoint");
        if (!endpoint.isEmpty()) {
            h.put("fs.s3a.endpoint", endpoint);
        }
        String region = Keys.string(c, "storage.s3.region");
        if (!region.isEmpty()) {
            h.put("fs.s3a.endpoint.region", region);
        }
        h.put("fs.s3a.path.style.access", Boolean.toString(Keys.bool(c, "storage.s3.path-style-access")));
        h.put("fs.s3a.connection.ssl.enabled", Boolean.toString(Keys.bool(c, "storage.s3.ssl-enabled")));
        // bounded retries: Hadoop's retry loop around the AWS SDK's own (hadoop-aws 3.3's defaults, 7 x 20
        // attempts, keep a dead endpoint busy for over ten minutes)
        h.put("fs.s3a.retry.limit", Integer.toString(Keys.intIn(c, "storage.s3.retries", 0, 100)));
        h.put("fs.s3a.retry.interval", Keys.intIn(c, "storage.s3.retry-interval-ms", 1, 600_000) + "ms");
        h.put("fs.s3a.attempts.maximum", Integer.toString(Keys.intIn(c, "storage.s3.sdk-attempts", 1, 100)));
        h.put("fs.s3a.connection.establish.timeout",
                Integer.toString(Keys.intIn(c, "storage.s3.connect-timeout-ms", 100, 600_000)));
        h.put("fs.s3a.connection.timeout",
                Integer.toString(Keys.intIn(c, "storage.s3.request-timeout-ms", 1_000, 3_600_000)));
        String access = Keys.string(c, "storage.s3.access-key");
        String secret = Keys.string(c, "storage.s3.secret-key");
        if (access.isEmpty() != secret.isEmpty()) {
            throw new ConfigError("config keys 'storage.s3.access-key' and 'storage.s3.secret-key'"
                    + " must be set together (or both left empty for the AWS default credential chain)");
        }
        if (!access.isEmpty()) {
            h.put("fs.s3a.access.key", access);
            h.put("fs.s3a.secret.key", secret);
            h.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        }
        for (Map.Entry<String, ConfigValue> e : c.getConfig("storage.hadoop").entrySet()) {
            h.put(unquote(e.getKey()), String.valueOf(e.getValue().unwrapped()));
        }
        h.forEach((k, v) -> {
            if (Secrets.isSecret(k) && !k.endsWith(".provider")) {
                Secrets.remember(v);
            }
        });
        return new StorageSettings(Map.copyOf(h), Keys.string(c, "storage.local-cache-dir"),
                Keys.intIn(c, "storage.lock-stale-seconds", 10, 86_400));
    }

    /** How long a writer's lock may go without a heartbeat before another run takes it over. */
    public java.time.Duration lockStale() {
        return java.time.Duration.ofSeconds(lockStaleSeconds);
    }

    /** Hadoop configuration entries (including credentials): for Hadoop only, never for logs. */
    public Map<String, String> hadoopProperties() {
        return hadoop;
    }

    public String localCacheDir() {
        return localCacheDir;
    }

    static String unquote(String key) {
        return key.replace("\"", "");
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("StorageSettings{");
        hadoop.forEach((k, v) -> b.append(k).append('=').append(Secrets.isSecret(k) ? "*****" : v).append(", "));
        return b.append("local-cache-dir=").append(localCacheDir).append('}').toString();
    }
}
