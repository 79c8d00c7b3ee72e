package dev.self2face.testing;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigLoader;
import dev.self2face.etl.EtlJob;
import dev.self2face.etl.EtlSettings;
import dev.self2face.storage.StorageSettings;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/** Runs the ETL job in a test's Spark session with --set style overrides, exactly as the CLI wires it. */
public final class EtlRunner {
    private EtlRunner() {
    }

    public static EtlJob.Result run(SparkSession spark, List<String> inputs, String output, String... sets)
            throws Exception {
        List<String> all = new ArrayList<>(List.of("etl.progress-seconds=1", "etl.contact-sheet-pairs=8"));
        all.addAll(List.of(sets));
        Config c = ConfigLoader.load(List.of(), all);
        return new EtlJob(spark, EtlSettings.from(c), StorageSettings.from(c),
                ConfigLoader.forRecord(c, "etl", "storage")).run(inputs, output);
    }
}
