package dev.self2face.job.etl;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigLoader;
import dev.self2face.etl.EtlJob;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.ReferencePhotos;
import dev.self2face.etl.face.landmarks.LandmarkModels;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import dev.self2face.storage.WriterLock;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An ETL run, as {@code etl} (and the nightly pipeline) asks for one: everything that can be checked before Spark
 * starts is (the config, every remote store, the inputs, the output, the landmark model), then the Spark job runs.
 */
public final class EtlRun {
    private EtlRun() {
    }

    public static EtlJob.Result run(Config c, List<String> inputs, String output) throws IOException {
        check(c, inputs, output, true);
        try (SparkSession spark = JobSpark.start(c, "etl")) {
            return run(spark, c, inputs, output);
        }
    }

    /**
     * Everything about an ETL run that can be checked before Spark starts (config, stores, inputs, output, model);
     * {@code writing = false} for a dry run: the output is not probed with a file.
     */
    public static void check(Config c, List<String> inputs, String output, boolean writing) throws IOException {
        EtlSettings etl = EtlSettings.from(c);
        StorageSettings storageSettings = StorageSettings.from(c);
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
    }

    /** The ETL job in a running session (after {@link #check}). */
    public static EtlJob.Result run(SparkSession spark, Config c, List<String> inputs, String output)
            throws IOException {
        return new EtlJob(spark, EtlSettings.from(c), StorageSettings.from(c),
                ConfigLoader.forRecord(c, "etl", "storage")).run(inputs, output);
    }
}
