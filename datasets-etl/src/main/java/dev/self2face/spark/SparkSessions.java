package dev.self2face.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * Starts the Spark session of a command from the {@code spark.*} keys. Under spark-submit the master and settings
 * given there win; standalone (bin/self2face, tests) {@code spark.master} applies.
 */
public final class SparkSessions {
    private static final String ETL_REGISTRATOR = "dev.self2face.etl.EtlKryoRegistrator";
    private SparkSessions() {
    }

    public static SparkSession start(Config c, String what) {
        SparkConf conf = new SparkConf(true);
        if (!conf.contains("spark.master")) {
            conf.setMaster(c.getString("spark.master"));
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName(c.getString("spark.app-name") + " " + what);
        }
        for (Map.Entry<String, ConfigValue> e : c.getConfig("spark.conf").entrySet()) {
            String key = e.getKey().replace("\"", "");
            if (!conf.contains(key)) {
                conf.set(key, String.valueOf(e.getValue().unwrapped()));
            }
        }
        // image bytes travel between stages: Kryo is faster than Java serialization for them
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        String registrators = conf.get("spark.kryo.registrator", "");
        if (!registrators.contains(ETL_REGISTRATOR)) {
            conf.set("spark.kryo.registrator", registrators.isEmpty() ? ETL_REGISTRATOR
                    : registrators + "," + ETL_REGISTRATOR);
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
