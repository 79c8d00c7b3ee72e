package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigLoader;
import dev.self2face.etl.EtlJob;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.face.landmarks.LandmarkModels;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import dev.self2face.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face etl}: videos -> a published dataset of aligned (condition, face) pairs. */
@Command(name = "etl", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Turn videos of one person into aligned (condition, face) pairs: Parquet, rejects, manifest "
                + "and contact sheet under --output. Incremental: unchanged videos are skipped.")
public class EtlCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "URI",
            description = "Videos: local paths, file://, s3a:// or hdfs:// URIs, directories (searched recursively) "
                    + "or globs. Repeatable.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "URI", description = "Dataset location.")
    String output;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Config c = config.load(List.of());
        EtlSettings etl = EtlSettings.from(c);
        StorageSettings storageSettings = StorageSettings.from(c);
        Storage storage = new Storage(storageSettings);
        List<String> all = new java.util.ArrayList<>(inputs);
        all.add(output);
        StorageCheck.reachable(storage, all); // unreachable stores fail here, in seconds, before Spark starts
        storage.listInputs(inputs);      // and so do missing inputs
        storage.checkWritable(output);   // and so does an output that cannot be written
        if (etl.needsLandmarks()) {
            LandmarkModels.check(etl.landmarksModel(), storageSettings); // and a landmark model that cannot be read
        }
        try (SparkSession spark = SparkSessions.start(c, "etl")) {
            EtlJob.Result r = new EtlJob(spark, etl, storageSettings, ConfigLoader.forRecord(c, "etl", "storage"))
                    .run(inputs, output);
            if (r.processed().isEmpty()) {
                System.out.println("Nothing new: every input is already in " + output + ".");
            }
            for (String reason : r.rejectedReasons()) {
                System.err.println("rejected: " + reason);
            }
            if (r.exitCode() != 0) {
                System.err.println("self2face etl: every input was rejected (see the reasons above and "
                        + output + "/rejects)");
            }
            System.out.println(InspectCommand.summary(r.manifest(), output));
            return r.exitCode();
        }
    }

    @Override
    public String subject() {
        return "dataset " + output;
    }
}
