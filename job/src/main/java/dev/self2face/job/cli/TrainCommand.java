package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.config.ConfigLoader;
import dev.self2face.etl.dataset.DatasetError;
import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import dev.self2face.storage.WriterLock;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.spark.NdArrayKryoRegistrator;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.train.Backend;
import dev.self2face.job.train.DistributedPairs;
import dev.self2face.job.train.DistributedSettings;
import dev.self2face.job.train.SparkTrainer;
import dev.self2face.job.train.LocalTrainer;
import dev.self2face.job.train.TrainSettings;
import dev.self2face.job.train.TrainingData;
import dev.self2face.spark.SparkSessions;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code self2face train}: pix2pix or DCGAN on an ETL dataset, published as a run. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train pix2pix (condition -> face) or DCGAN (noise -> face) on a dataset the ETL wrote. "
                + "Every option is also a config key (shown with it); defaults are listed below.")
public class TrainCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--model", paramLabel = "dcgan|pix2pix", description = "model.kind")
    String model;

    @Option(names = "--data", paramLabel = "URI", description = "training.data: the dataset (etl --output).")
    String data;

    @Option(names = "--out", paramLabel = "URI", description = "training.out: where the run is written.")
    String out;

    @Option(names = "--local", description = "training.local: train in this JVM (not on Spark executors).")
    boolean local;

    @Option(names = "--steps", paramLabel = "N", description = "training.steps")
    Integer steps;

    @Option(names = "--batch", paramLabel = "B", description = "training.batch")
    Integer batch;

    @Option(names = "--size", paramLabel = "S", description = "model.size: 64, 128 or 256")
    Integer size;

    @Option(names = "--resume", description = "training.resume: continue from the newest checkpoint in --out.")
    boolean resume;

    @Option(names = "--workers", paramLabel = "N", description = "training.workers (on Spark; 0 = Spark's cores)")
    Integer workers;

    @Option(names = "--rounds", paramLabel = "N", description = "training.rounds (on Spark)")
    Integer rounds;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        List<String> sets = new ArrayList<>();
        add(sets, "model.kind", model);
        add(sets, "training.data", data);
        add(sets, "training.out", out);
        add(sets, "training.steps", steps);
        add(sets, "training.batch", batch);
        add(sets, "model.size", size);
        add(sets, "training.workers", workers);
        add(sets, "training.rounds", rounds);
        if (local) {
            sets.add("training.local=true");
        }
        if (resume) {
            sets.add("training.resume=true");
        }
        Config c = config.load(sets);
        ModelSettings m = ModelSettings.from(c);
        TrainSettings t = TrainSettings.from(c);
        DistributedSettings d = DistributedSettings.from(c);
        Storage storage = new Storage(StorageSettings.from(c));
        StorageCheck.reachable(storage, List.of(t.data(), t.out()));
        DatasetPublisher dataset = new DatasetPublisher(storage, t.data());
        if (!dataset.published()) {
            throw new DatasetError("dataset " + t.data() + ": not a published self2face dataset (no "
                    + DatasetPublisher.SUCCESS + ")");
        }
        Manifest manifest = dataset.readManifest();
        if (manifest.totals.train < t.batch()) {
            throw new ConfigError("training.batch = " + t.batch() + ": larger than the dataset's train split ("
                    + manifest.totals.train + " pairs in " + t.data() + ")");
        }
        storage.checkWritable(t.out());
        RunStore run = new RunStore(storage, t.out());
        try (WriterLock lock = WriterLock.acquire(storage, t.out(), "train " + m.kind().id(),
                StorageSettings.from(c).lockStale())) {
            LocalTrainer.checkStart(run, t, m);
            LoggerFactory.getLogger("self2face.train").info(Backend.describe());
            train(c, m, t, d, manifest, run);
        }
        System.out.println("published " + t.out());
        return 0;
    }

    private static void train(Config c, ModelSettings m, TrainSettings t, DistributedSettings d, Manifest manifest,
                              RunStore run) throws java.io.IOException {

        if (t.local()) {
            try (SparkSession spark = SparkSessions.start(c, "train")) {
                TrainingData pairs = TrainingData.read(spark, t.data(), m.size(), t.batch(), t.seed());
                RunInfo info = info(m, t, manifest, pairs.trainPairs(), pairs.valPairs(), c);
                new LocalTrainer(m, t, run, info.config).run(pairs, info);
            }
        } else {
            if (manifest.totals.train < d.batchPerWorker()) {
                throw new ConfigError("training.batch-per-worker = " + d.batchPerWorker() + ": larger than the "
                        + "dataset's train split (" + manifest.totals.train + " pairs in " + t.data() + ")");
            }
            // ND4J arrays travel between driver and executors with Kryo: nd4j-kryo's registrations, then ours,
            // which replaces its element-wise array serializer with a bulk copy (NdArrayKryoRegistrator)
            String nd4j = "org.nd4j.kryo.Nd4jRegistrator," + NdArrayKryoRegistrator.class.getName();
            Config spark = c.withValue("spark.conf.\"spark.kryo.registrator\"", com.typesafe.config.ConfigValueFactory
                    .fromAnyRef(c.getConfig("spark.conf").hasPath("\"spark.kryo.registrator\"")
                            ? c.getString("spark.conf.\"spark.kryo.registrator\"") + "," + nd4j : nd4j));
            try (SparkSession session = SparkSessions.start(spark, "train")) {
                Storage.hadoopConf(session.sparkContext().hadoopConfiguration(), StorageSettings.from(c));
                DistributedPairs pairs = DistributedPairs.read(session, t.data(), m.size(), d.batchPerWorker(),
                        t.seed());
                RunInfo info = info(m, t, manifest, pairs.trainCount(), pairs.driverSide().valPairs(), c);
                new SparkTrainer(m, t, d, run, info.config).run(
                        JavaSparkContext.fromSparkContext(session.sparkContext()), pairs, info);
            }
        }
    }

    @Override
    public String subject() {
        return "run " + (out != null ? out : "at training.out");
    }

    private static void add(List<String> sets, String key, Object value) {
        if (value != null) {
            sets.add(key + "=" + value);
        }
    }

    private static RunInfo info(ModelSettings m, TrainSettings t, Manifest dataset, long trainPairs, long valPairs,
                                Config c) {
        RunInfo info = new RunInfo();
        info.model = m.kind().id();
        info.size = m.size();
        info.zDim = m.zDim();
        info.ngf = m.ngf();
        info.ndf = m.ndf();
        info.lambdaL1 = m.lambdaL1();
        info.seed = t.seed();
        info.steps = t.steps();
        info.batch = t.batch();
        info.data = t.data();
        info.datasetSchemaVersion = dataset.schemaVersion;
        info.trainPairs = trainPairs;
        info.valPairs = valPairs;
        info.createdAt = Instant.now().toString();
        Object etl = dataset.config.get("etl");
        if (etl instanceof Map<?, ?> map) {
            map.forEach((k, v) -> info.datasetConfig.put(String.valueOf(k), v));
        }
        info.config = ConfigLoader.forRecord(c, "model", "training", "storage");
        return info;
    }
}
