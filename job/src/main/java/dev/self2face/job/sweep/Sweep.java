package dev.self2face.job.sweep;

import dev.self2face.json.Json;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import dev.self2face.config.ConfigError;
import dev.self2face.job.data.AttributeLabels;
import dev.self2face.job.eval.Metric;
import dev.self2face.job.eval.MetricRegistry;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.job.train.SharedRows;
import dev.self2face.job.train.TrainingData;
import dev.self2face.job.train.TrainingRun;
import dev.self2face.storage.Storage;
import dev.self2face.storage.WriterLock;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A hyper-parameter sweep as one Spark job: the space's trials run as ordinary local trainings inside Spark tasks
 * (at most {@code parallel} at a time), rung by rung; after each rung the top 1/η go on ({@link Promotion}), warm
 * started from their own weights. Everything a trial finished is on storage, so a killed sweep, started again with
 * the same space, runs only what did not finish. At the end {@code sweep.json}, {@code sweep.html},
 * {@code best.conf}, {@code best-pipeline.conf} and {@code _SUCCESS}.
 */
public final class Sweep {
    private static final Logger LOG = LoggerFactory.getLogger("self2face.sweep");
    /** Keys the sweep sets itself for every trial: a space may not search them. */
    private static final List<String> OWN_KEYS = List.of("training.out", "training.data", "training.steps",
            "training.local", "training.resume", "training.init-from", "model.kind");

    /** A sweep, checked before Spark starts. */
    public record Checked(SweepSpace space, String spaceText, Config base, Function<List<String>, Config> loader,
                          List<String> baseSets, boolean maximize, String out, TrainingRun.Checked training) {
    }

    private Sweep() {
    }

    /**
     * Checks the space, the metric, every searched key and the training the trials share, before Spark starts.
     *
     * @param loader   the command's config: reference &lt; --conf files &lt; these --set values
     * @param baseSets the command's own settings (model, data) every trial gets
     */
    public static Checked check(String spaceFile, String spaceText, Function<List<String>, Config> loader,
                                List<String> baseSets, String out, Integer trials, Integer parallel)
            throws IOException {
        SweepSpace space = SweepSpace.parse(spaceFile, spaceText).with(trials, parallel);
        for (SweepParam p : space.params()) {
            if (OWN_KEYS.contains(p.key())) {
                throw new ConfigError("space file " + spaceFile + ": params.\"" + p.key() + "\": set by the sweep "
                        + "for each trial; search other keys");
            }
        }
        List<String> first = new ArrayList<>(baseSets);
        first.addAll(List.of("training.local=true", "training.out=" + ConfigUtil.quoteString(out)));
        Config base = loader.apply(first);
        for (SweepParam p : space.params()) {
            List<String> one = new ArrayList<>(first);
            one.add(p.key() + "=" + SweepParam.render(p.sample(new java.util.Random(space.seed()))));
            try {
                loader.apply(one);
            } catch (ConfigError e) {
                throw new ConfigError("space file " + spaceFile + ": params.\"" + p.key() + "\": " + e.getMessage());
            }
        }
        TrainingRun.Checked training = TrainingRun.check(base);
        Metric metric = training.metrics().stream().filter(m -> m.name().equals(space.metric())).findFirst()
                .orElseThrow(() -> new ConfigError("space file " + spaceFile + ": metric '" + space.metric()
                        + "' is not measured for model " + training.m().kind() + " (training.metrics gives "
                        + String.join(", ", training.metrics().stream().map(Metric::name).toList()) + "; known: "
                        + MetricRegistry.names() + ")"));
        boolean maximize = space.maximize() != null ? space.maximize() : metric.higherIsBetter();
        return new Checked(space, spaceText, base, loader, baseSets, maximize, out, training);
    }

    /** What a finished sweep found: its best result, and the steps its trials trained in all. */
    public record Outcome(TrialResult best, long stepsTrained) {
    }

    /** Runs (or continues) the sweep. */
    public static Outcome run(Checked k) throws IOException {
        Storage storage = new Storage(k.training().storageSettings());
        try (SparkSession spark = JobSpark.start(k.training().settings().spark(), "sweep");
             WriterLock lock = WriterLock.acquire(storage, k.out(), "sweep",
                     k.training().storageSettings().lockStale())) {
            return new Run(k, storage, JavaSparkContext.fromSparkContext(spark.sparkContext()), spark).all();
        }
    }

    /** The sweep's folder for the dataset's pairs, published once for the trials ({@link SharedRows}). */
    static final String DATA = "_pairs";

    /** Where a trial's result lies next to its run. */
    static Path resultPath(String run) {
        // from the string: Storage.path of an existing local folder ends in "/" (File.toURI), and has no name
        String r = run.replaceAll("/+$", "");
        int slash = r.lastIndexOf('/');
        return new Path(Storage.path(r.substring(0, slash)), r.substring(slash + 1) + "-result.json");
    }

    private static final class Run {
        private final Checked k;
        private final Storage storage;
        private final JavaSparkContext jsc;
        private final SparkSession spark;
        private final SweepState state;

        Run(Checked k, Storage storage, JavaSparkContext jsc, SparkSession spark) throws IOException {
            this.k = k;
            this.storage = storage;
            this.jsc = jsc;
            this.spark = spark;
            this.state = SweepState.open(storage, k);
        }

        Outcome all() throws IOException {
            AttributeLabels labels = TrainingRun.labels(spark, k.training());
            // the pairs go to storage once, next to the trials; each executor copies them locally once
            SharedRows rows = TrainingData.share(spark, k.training().t().data(), labels, storage,
                    k.out() + "/" + DATA);
            List<Integer> rungs = k.space().rungs();
            List<Trial> active = new ArrayList<>(state.trials());
            long started = System.nanoTime();
            long stepsDone = 0;
            for (int r = 0; r < rungs.size() && !active.isEmpty(); r++) {
                int steps = rungs.get(r) - (r == 0 ? 0 : rungs.get(r - 1));
                List<TrialResult> results = rung(r, steps, active, rows, labels);
                state.record(r, results);
                stepsDone += (long) steps * active.size();
                long remaining = remainingSteps(rungs, r, active.size());
                double perStep = (System.nanoTime() - started) / 1e9 / Math.max(1, stepsDone);
                LOG.info(String.format("rung %d of %d (%d steps) done: %d trial(s), %d failed, best %s %s; "
                                + "ETA %.0f s", r + 1, rungs.size(), rungs.get(r), results.size(),
                        results.stream().filter(x -> !x.ok()).count(), k.space().metric(),
                        results.stream().filter(TrialResult::ok).sorted(Promotion.order(k.maximize())).findFirst()
                                .map(x -> x.id() + " " + x.metric()).orElse("none"), remaining * perStep));
                if (r + 1 < rungs.size()) {
                    List<String> up = Promotion.promoted(results, k.space().eta(), k.maximize());
                    state.promote(r, up);
                    active = state.trials().stream().filter(t -> up.contains(t.id())).toList();
                }
                state.save();
            }
            TrialResult best = state.best();
            if (best == null) {
                state.save();
                throw new SweepError("sweep " + k.out() + ": every trial failed (sweep.json lists the reasons)");
            }
            storage.writeAtomically(new Path(Storage.path(k.out()), BestConf.TRAIN),
                    BestConf.train(k, best).getBytes(StandardCharsets.UTF_8));
            storage.writeAtomically(new Path(Storage.path(k.out()), BestConf.PIPELINE),
                    BestConf.pipeline(k, best).getBytes(StandardCharsets.UTF_8));
            storage.writeAtomically(new Path(Storage.path(k.out()), "sweep.html"),
                    SweepReport.html(state, k, best, storage).getBytes(StandardCharsets.UTF_8));
            state.finish();
            Path pairs = new Path(Storage.path(k.out()), DATA);
            storage.fs(pairs).delete(pairs, true);
            return new Outcome(best, state.results().values().stream().flatMap(List::stream)
                    .mapToLong(TrialResult::steps).sum());
        }

        /** Steps the rungs after {@code r} will train, with the trials that go on as the rule promises. */
        private long remainingSteps(List<Integer> rungs, int r, int active) {
            long n = active;
            long sum = 0;
            for (int q = r + 1; q < rungs.size(); q++) {
                n = Math.max(1, n / k.space().eta());
                sum += n * (rungs.get(q) - rungs.get(q - 1));
            }
            return sum;
        }

        private List<TrialResult> rung(int r, int steps, List<Trial> trials, SharedRows rows,
                                       AttributeLabels labels) throws IOException {
            List<TrialResult> done = new ArrayList<>();
            List<String> pending = new ArrayList<>();
            for (Trial t : trials) {
                String run = k.out() + "/trials/" + t.id() + "/r" + r;
                Path result = resultPath(run);
                if (storage.exists(result)) {
                    done.add(Json.MAPPER.readValue(storage.read(result), TrialResult.class));
                    continue;
                }
                RunStore store = new RunStore(storage, run);
                List<String> sets = new ArrayList<>(k.baseSets());
                sets.addAll(t.settings());
                sets.addAll(List.of("training.local=true", "training.steps=" + steps,
                        "training.out=" + ConfigUtil.quoteString(run),
                        "training.resume=" + store.started(),
                        "training.init-from=" + ConfigUtil.quoteString(r == 0 ? ""
                                : k.out() + "/trials/" + t.id() + "/r" + (r - 1))));
                String config = k.loader().apply(sets).root().render(ConfigRenderOptions.concise());
                pending.add(Json.PRETTY.writeValueAsString(new TrialTask.Spec(t.id(), r, steps, config, t.params())));
            }
            if (!done.isEmpty()) {
                LOG.info("rung {}: {} trial(s) finished before, {} to run", r + 1, done.size(),
                        pending.size());
            }
            if (!pending.isEmpty()) {
                int slots = k.space().parallel() > 0 ? k.space().parallel() : jsc.defaultParallelism();
                jsc.setJobDescription("sweep rung " + (r + 1) + ": " + pending.size() + " trial(s)");
                for (String json : jsc.parallelize(pending, Math.min(slots, pending.size()))
                        .map(new TrialTask(rows, labels, k.space().metric())).collect()) {
                    done.add(Json.MAPPER.readValue(json, TrialResult.class));
                }
            }
            return done;
        }
    }

    /** A sweep that cannot go on (every trial failed; another sweep in the output). */
    public static final class SweepError extends RuntimeException {
        public SweepError(String message) {
            super(message);
        }
    }
}
