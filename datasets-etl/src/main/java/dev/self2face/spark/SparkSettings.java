package dev.self2face.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import dev.self2face.config.Keys;
import dev.self2face.storage.StorageSettings;

import java.io.File;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command's Spark session is started with ({@link SparkSessions#start}): the {@code spark.*} keys, and the
 * {@code storage.*} settings every read and write through Spark uses.
 *
 * @param master       {@code spark.master}, used when spark-submit did not set one
 * @param appName      {@code spark.app-name}
 * @param conf         {@code spark.conf}: any Spark setting (spark-submit's win)
 * @param localDirRoot {@code spark.local-dir-root}: local mode's scratch folders
 */
public record SparkSettings(String master, String appName, Map<String, String> conf, File localDirRoot,
                            StorageSettings storage) {
    public SparkSettings {
        conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
    }

    public static SparkSettings from(Config c) {
        Map<String, String> conf = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : c.getConfig("spark.conf").entrySet()) {
            conf.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
        }
        return new SparkSettings(Keys.string(c, "spark.master"), Keys.string(c, "spark.app-name"), conf,
                new File(Keys.string(c, "spark.local-dir-root")), StorageSettings.from(c));
    }

    /** These settings with another master (a benchmark's local[1] against local[2]). */
    public SparkSettings withMaster(String otherMaster) {
        return new SparkSettings(otherMaster, appName, conf, localDirRoot, storage);
    }
}
