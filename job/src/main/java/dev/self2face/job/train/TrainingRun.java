package dev.self2face.job.train;

import dev.self2face.job.backend.Backend;
import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.config.ConfigLoader;
import dev.self2face.etl.dataset.DatasetError;
import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.job.data.AttributeLabels;
import dev.self2face.job.eval.FaceJudge;
import dev.self2face.job.eval.Metric;
import dev.self2face.job.eval.MetricRegistry;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.spark.SparkSettings;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import dev.self2face.storage.WriterLock;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A training run, as {@code train} (and the nightly pipeline) asks for one: the dataset and output are checked
 * before Spark starts, the output is locked, and the model trains in this JVM or on Spark executors, by config,
 * until the run is published.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    /** Trains and publishes the run {@code training.out} names; returns its URI. */
    public static String run(Checked checked) throws IOException {
        try (SparkSession spark = JobSpark.start(checked.settings().spark(), "train")) {
            run(spark, checked);
        }
        return checked.t().out();
    }

    /**
     * A training run's settings, parsed (no I/O): model, training, Spark's, the metrics, a conditional model's
     * label settings, and the config the run records.
     */
    public record Settings(ModelSettings m, TrainSettings t, DistributedSettings d, List<Metric> metrics,
                           SparkSettings spark, AttributeLabels.Settings labelSettings,
                           Map<String, Object> recorded) {
        public static Settings from(Config c) {
            ModelSettings m = ModelSettings.from(c);
            AttributeLabels.Settings labels = m.type().inputs().contains(GanInput.LABELS)
                    ? AttributeLabels.Settings.from(c, m.kind(), m.attributes()) : null;
            return new Settings(m, TrainSettings.from(c), DistributedSettings.from(c), MetricRegistry.from(c,
                    m.type()), SparkSettings.from(c), labels, ConfigLoader.forRecord(c, "model", "training",
                    "storage"));
        }

        /**
         * These settings for a run on {@code data} written to {@code out}, resumed or not, warm-started from
         * {@code initFrom} ("" for none): the pipeline's candidates; the recorded config says the same.
         */
        public Settings at(String data, String out, boolean resume, String initFrom) {
            Map<String, Object> training = new TreeMap<>();
            if (recorded.get("training") instanceof Map<?, ?> was) {
                was.forEach((k, v) -> training.put(String.valueOf(k), v));
            }
            training.put("data", data);
            training.put("out", out);
            training.put("resume", resume);
            training.put("init-from", initFrom);
            Map<String, Object> record = new LinkedHashMap<>(recorded);
            record.put("training", training);
            return new Settings(m, t.at(data, out, resume, initFrom), d, metrics, spark, labelSettings, record);
        }
    }

    /** A training run's settings, checked before Spark starts, with the dataset's manifest. */
    public record Checked(Settings settings, Manifest manifest) {
        public ModelSettings m() {
            return settings.m();
        }

        public TrainSettings t() {
            return settings.t();
        }

        public DistributedSettings d() {
            return settings.d();
        }

        public List<Metric> metrics() {
            return settings.metrics();
        }

        public StorageSettings storageSettings() {
            return settings.spark().storage();
        }

        public AttributeLabels.Settings labelSettings() {
            return settings.labelSettings();
        }

        /** Whether the model generates on request: it trains on attribute labels. */
        public boolean conditional() {
            return m().type().inputs().contains(GanInput.LABELS);
        }
    }

    /** Everything about a training run that can be checked before Spark starts. */
    public static Checked check(Config c) throws IOException {
        return check(Settings.from(c));
    }

    /** Everything about a training run that can be checked before Spark starts (stores, dataset, output, nets). */
    public static Checked check(Settings s) throws IOException {
        ModelSettings m = s.m();
        TrainSettings t = s.t();
        StorageSettings storageSettings = s.spark().storage();
        Storage storage = new Storage(storageSettings);
        StorageCheck.reachable(storage, List.of(t.data(), t.out()));
        Manifest manifest = publishedManifest(storage, t.data());
        if (m.type().inputs().contains(GanInput.LABELS)) {
            AttributeLabels.checkDataset(manifest, t.data(), m.kind());
        }
        checkBatch("training.batch", t.batch(), manifest, t.data());
        if (!t.local()) {
            checkBatch("training.batch-per-worker", s.d().batchPerWorker(), manifest, t.data());
        }
        storage.checkWritable(t.out());
        WriterLock.checkFree(storage, t.out(), storageSettings.lockStale());
        if (FaceJudge.neededBy(s.metrics())) {
            FaceJudge.load("training.face-api", t.faceApi(), storage); // read once per JVM; a clear error if it cannot
        }
        if (!t.initFrom().isEmpty()) {
            WarmStart.check(storage, t.initFrom(), m);
        }
        return new Checked(s, manifest);
    }

    /** Trains and publishes in a running session (after {@link #check}). */
    public static void run(SparkSession spark, Checked k) throws IOException {
        ModelSettings m = k.m();
        TrainSettings t = k.t();
        AttributeLabels labels = labels(spark, k);
        if (t.local()) {
            try (TrainingData data = TrainingData.read(spark, t.data(), m.size(), t.batch(), t.seed(), labels)) {
                trainLocal(k, data, labels);
            }
            return;
        }
        Storage storage = new Storage(k.storageSettings());
        RunStore run = new RunStore(storage, t.out());
        try (WriterLock lock = WriterLock.acquire(storage, t.out(), "train " + m.kind(),
                k.storageSettings().lockStale())) {
            LocalTrainer.checkStart(run, t, m);
            LoggerFactory.getLogger("self2face.train").info(Backend.describe());
            DistributedPairs pairs = DistributedPairs.read(spark, t.data(), m.size(), k.d().batchPerWorker(),
                    t.seed(), labels);
            RunInfo info = RunInfo.of(m, t.seed(), t.steps(), t.batch(), t.data(), k.manifest(),
                    pairs.trainCount(), pairs.driverSide().valPairs(), k.settings().recorded()).withLabels(labels);
            new SparkTrainer(m, t, k.d(), k.metrics(), run, info.config).run(
                    JavaSparkContext.fromSparkContext(spark.sparkContext()), pairs, info);
        }
    }

    /** A conditional model's attribute labels, fitted on the train split (and logged); null for the others. */
    public static AttributeLabels labels(SparkSession spark, Checked k) {
        if (!k.conditional()) {
            return null;
        }
        AttributeLabels labels = AttributeLabels.fit(FacePairs.read(spark, k.t().data()).split(PairSchema.TRAIN),
                k.m().attributes(), k.labelSettings());
        LoggerFactory.getLogger("self2face.train").info("attribute labels (threshold, share of train faces "
                + "above it): " + labels.record());
        return labels;
    }

    /**
     * Trains in this JVM on pairs already read (labelled with {@code labels} for a conditional model) and publishes:
     * {@code train --local}, and a sweep's trial inside a Spark task.
     */
    public static Figures trainLocal(Checked k, TrainingData pairs, AttributeLabels labels) throws IOException {
        ModelSettings m = k.m();
        TrainSettings t = k.t();
        Storage storage = new Storage(k.storageSettings());
        RunStore run = new RunStore(storage, t.out());
        try (WriterLock lock = WriterLock.acquire(storage, t.out(), "train " + m.kind(),
                k.storageSettings().lockStale())) {
            LocalTrainer.checkStart(run, t, m);
            LoggerFactory.getLogger("self2face.train").info(Backend.describe());
            RunInfo info = RunInfo.of(m, t.seed(), t.steps(), t.batch(), t.data(), k.manifest(),
                    pairs.trainPairs(), pairs.valPairs(), k.settings().recorded()).withLabels(labels);
            return new LocalTrainer(m, t, k.metrics(), run, info.config).run(pairs, info);
        }
    }

    private static Manifest publishedManifest(Storage storage, String data) throws IOException {
        DatasetPublisher dataset = new DatasetPublisher(storage, data);
        if (!dataset.published()) {
            throw new DatasetError("dataset " + data + ": not a published self2face dataset (no "
                    + DatasetPublisher.SUCCESS + ")");
        }
        return dataset.readManifest();
    }

    private static void checkBatch(String key, int batch, Manifest manifest, String data) {
        if (manifest.totals.train < batch) {
            throw new ConfigError(key + " = " + batch + ": larger than the dataset's train split ("
                    + manifest.totals.train + " pairs in " + data + ")");
        }
    }
}
