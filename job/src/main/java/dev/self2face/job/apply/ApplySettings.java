package dev.self2face.job.apply;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import dev.self2face.config.Keys;
import dev.self2face.etl.EtlSettings;
import dev.self2face.job.run.RunInfo;
import dev.self2face.spark.SparkSettings;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the commands that apply a trained model (translate, avatar, face-math, generate) need from the config: the
 * session's and storage settings, this machine's {@code etl.*} keys (the landmark model's location, and any key a
 * run's dataset did not record), and the face search of {@code translate.*}. A run's faces are then found and
 * aligned the way its dataset's were ({@link #datasetSettings}).
 */
public record ApplySettings(SparkSettings spark, Map<String, Object> etlHere, Map<String, Object> photoSearch) {

    public static ApplySettings from(Config c) {
        EtlSettings.from(c); // this machine's etl.* keys valid
        Map<String, Object> etl = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : c.getConfig("etl").entrySet()) {
            etl.put(e.getKey(), e.getValue().unwrapped());
        }
        return new ApplySettings(SparkSettings.from(c), etl, Map.of(
                "detect-max-side", Keys.intIn(c, "translate.detect-max-side", 1, 100_000),
                "min-face-px", Keys.intIn(c, "translate.min-face-px", 1, 100_000),
                "min-face-fraction", Keys.doubleIn(c, "translate.min-face-fraction", 0, 1)));
    }

    /**
     * The ETL settings the run's dataset was made with, but the face search of {@code translate.*}; only the
     * landmark model's location is this machine's.
     */
    public EtlSettings photoSettings(RunInfo run) {
        return datasetSettings(run, photoSearch);
    }

    /**
     * The ETL settings the run's dataset was made with (size, eye geometry, aligner, condition, face search), with
     * {@code overrides}; the landmark model's location is this machine's ({@code etl.landmarks-model}).
     */
    public EtlSettings datasetSettings(RunInfo run, Map<String, Object> overrides) {
        Map<String, Object> etl = new HashMap<>(etlHere);
        Map<String, Object> recorded = new HashMap<>(run.datasetConfig);
        recorded.remove("landmarks-model");
        recorded.remove("progress-seconds");
        etl.putAll(recorded);
        etl.putAll(overrides);
        return EtlSettings.from(ConfigFactory.parseMap(Map.of("etl", etl)));
    }
}
