package dev.self2face.job.etl;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigLoader;
import dev.self2face.etl.EtlJob;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.ReferencePhotos;
import dev.self2face.etl.face.landmarks.LandmarkModels;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.spark.SparkSettings;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import dev.self2face.storage.WriterLock;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ETL run, as {@code etl} (and the nightly pipeline) asks for one: everything that can be checked before Spark
 * starts is (the config, every remote store, the inputs, the output, the landmark model), then the Spark job runs.
 */
public final class EtlRun {
    private EtlRun() {
    }

    /** An ETL run's settings, parsed: the {@code etl.*} keys, the session's, and what the manifest records. */
    public record Settings(EtlSettings etl, SparkSettings spark, Map<String, Object> recorded) {
        public static Settings from(Config c) {
            return new Settings(EtlSettings.from(c), SparkSettings.from(c), ConfigLoader.forRecord(c, "etl",
                    "storage"));
        }
    }

    /** An ETL run checked before Spark starts: its settings, inputs and output. */
    public record Checked(Settings settings, List<String> inputs, String output) {
    }

    public static EtlJob.Result run(Checked k) throws IOException {
        try (SparkSession spark = JobSpark.start(k.settings().spark(), "etl")) {
            return run(spark, k);
        }
    }

    /**
     * Everything about an ETL run that can be checked before Spark starts (stores, inputs, output, model);
     * {@code writing = false} for a dry run: the output is not probed with a file.
     */
    public static Checked check(Settings s, List<String> inputs, String output, boolean writing) throws IOException {
        EtlSettings etl = s.etl();
        StorageSettings storageSettings = s.spark().storage();
        Storage storage = new Storage(storageSettings);
        List<String> all = new ArrayList<>(inputs);
        all.add(output);
        StorageCheck.reachable(storage, all);
        storage.listInputs(inputs);
        if (writing) {
            storage.checkWritable(output);
            // refused before Spark starts when another run writes the dataset or a pipeline trains on it
            WriterLock.checkFree(storage, output, storageSettings.lockStale());
        }
        if (etl.needsLandmarks()) {
            LandmarkModels.check(etl.landmarksModel(), storageSettings);
        }
        ReferencePhotos.check(etl, storageSettings);
        return new Checked(s, List.copyOf(inputs), output);
    }

    /** The ETL job in a running session (after {@link #check}). */
    public static EtlJob.Result run(SparkSession spark, Checked k) throws IOException {
        Settings s = k.settings();
        return new EtlJob(spark, s.etl(), s.spark().storage(), s.recorded()).run(k.inputs(), k.output());
    }
}
