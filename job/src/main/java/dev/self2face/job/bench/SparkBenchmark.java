package dev.self2face.job.bench;

import dev.self2face.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.network.util.JavaUtils;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench spark}: real {@code train} runs, each submitted with SparkSubmit to a standalone cluster of 1 or more
 * single-core executors on this machine, timed from their own metrics.jsonl. The first round (executors loading
 * ND4J, JIT) is left out; images/s = examples of the timed rounds / their wall time (a round: D's and G's fits with
 * their broadcasts and averaging; the driver's per-round logging is outside it).
 */
public final class SparkBenchmark {
    /** One run's settings. */
    public record Run(String model, int size, int executors, int batchPerWorker, int averagingFrequency, int rounds,
                      List<String> sets) {
        int examplesPerRound() {
            return executors * batchPerWorker * averagingFrequency;
        }
    }

    /** One run's measurements (timed rounds only). */
    public record Result(Run run, int timedRounds, double imagesPerSecond, double roundSeconds, double computeSeconds,
                         double dataSeconds, double initSeconds, double fetchSeconds, double averagingSeconds,
                         double prepareSeconds, double broadcastSeconds, double resultsSeconds, double valL1) {
        /** The driver's time outside dl4j-spark's broadcast, count job, training job and update. */
        double otherSeconds() {
            return Math.max(0, averagingSeconds - prepareSeconds - broadcastSeconds - resultsSeconds);
        }

        double fraction(double part) {
            return part / roundSeconds;
        }
    }

    private final Path sparkHome;
    private final Path appJar;
    private final String data;
    private final String executorMemory;
    private final Path work;

    public SparkBenchmark(Path sparkHome, Path appJar, String data, String executorMemory) throws IOException {
        this.sparkHome = sparkHome;
        this.appJar = appJar;
        this.data = data;
        this.executorMemory = executorMemory;
        this.work = Files.createTempDirectory("bench-spark");
    }

    /** Starts a cluster of {@code run.executors()} workers, trains, and reads the run's metrics. */
    public Result measure(Run run) throws IOException, InterruptedException {
        Path out = work.resolve(String.format("%s-%d-e%d-f%d", run.model(), run.size(), run.executors(),
                run.averagingFrequency()));
        File log = work.resolve(out.getFileName() + ".log").toFile();
        try (StandaloneCluster cluster = new StandaloneCluster(sparkHome, javaOpens(), run.executors(), "16g", "6g")) {
            Process driver = cluster.submit(log, appJar, "dev.self2face.job.cli.Main", sparkConf(),
                    trainArgs(run, out));
            int rc = StandaloneCluster.waitFor(driver, 120);
            if (rc != 0) {
                cluster.keepLogs();
                throw new IllegalStateException("train exited with " + rc + "; driver log: " + log
                        + "; executors' logs under " + cluster.logs());
            }
        }
        Result r = read(run, out);
        JavaUtils.deleteRecursively(out.toFile()); // the run's model and checkpoints: its figures are read
        return r;
    }

    private Map<String, String> sparkConf() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("spark.executor.memory", executorMemory);
        // ND4J's arrays are off-heap: as much again as the heap (javacpp's default limit is -Xmx), and the process
        // at most 4 GB above the heap, so that executors sized for this machine stay within its memory
        long heapMb = JavaUtils.byteStringAsMb(executorMemory);
        c.put("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxbytes=" + heapMb + "M"
                + " -Dorg.bytedeco.javacpp.maxphysicalbytes=" + (heapMb + 4096) + "M");
        // one core per executor: ND4J's OpenMP pool would otherwise take every core of the machine in every executor
        c.put("spark.executorEnv.OMP_NUM_THREADS", "1");
        return c;
    }

    private List<String> trainArgs(Run run, Path out) {
        List<String> a = new ArrayList<>(List.of("train", "--model", run.model(), "--data", data,
                "--out", out.toString(), "--size", String.valueOf(run.size()),
                "--rounds", String.valueOf(run.rounds()), "--workers", String.valueOf(run.executors()),
                "--set", "training.batch-per-worker=" + run.batchPerWorker(),
                "--set", "training.averaging-frequency=" + run.averagingFrequency(),
                "--set", "training.log-every=1", "--set", "training.sample-every=1000000",
                "--set", "training.checkpoint-every=0", "--set", "training.progress-seconds=30"));
        for (String s : run.sets()) {
            a.addAll(List.of("--set", s));
        }
        return a;
    }

    static Result read(Run run, Path out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = Json.MAPPER.readTree(l);
            if (n.path("round").asInt(0) > 1) { // evaluation lines have no round
                lines.add(n);
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException(out + ": no timed rounds (rounds must be at least 2)");
        }
        double round = sum(lines, "round_s");
        double valL1 = Double.NaN;
        Path eval = out.resolve("evaluation.json");
        if (Files.exists(eval) && Json.MAPPER.readTree(eval.toFile()).has("val_l1")) {
            valL1 = Json.MAPPER.readTree(eval.toFile()).get("val_l1").asDouble();
        }
        int n = lines.size();
        double compute = sum(lines, "compute_s") / n;
        double data = sum(lines, "data_s") / n;
        double init = sum(lines, "init_s") / n;
        // the training job beyond the slowest worker's task: scheduling, results back, summed; then the update
        double results = Math.max(0, (sum(lines, "aggregate_s") + sum(lines, "update_s")) / n - compute - data - init);
        return new Result(run, n, (double) run.examplesPerRound() * n / round, round / n, compute, data, init,
                sum(lines, "fetch_s") / n, sum(lines, "averaging_s") / n, sum(lines, "prepare_s") / n,
                sum(lines, "broadcast_s") / n, results, valL1);
    }

    private static double sum(List<JsonNode> lines, String key) {
        double s = 0;
        for (JsonNode n : lines) {
            s += n.get(key).asDouble();
        }
        return s;
    }

    /** The --add-opens flags this JVM was started with (the launcher's), for the cluster's JVMs. */
    private static List<String> javaOpens() {
        List<String> out = new ArrayList<>();
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("--add-opens")) {
                out.add(args.get(i));
                if (args.get(i).equals("--add-opens") && i + 1 < args.size()) {
                    out.add(args.get(++i));
                }
            }
        }
        return out;
    }

    /** Markdown: one line per run; speed-up against the first run of the table. */
    public static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder("| model | size | executors | batch/executor | averaging freq. | timed "
                + "rounds | s/round | images/s | speed-up | compute | data | init (fetch) | minibatches | broadcast | "
                + "results+averaging | driver other | val L1 |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double ref = results.isEmpty() ? 1 : results.get(0).imagesPerSecond();
        for (Result r : results) {
            Run run = r.run();
            sb.append(String.format("| %s | %d | %d | %d | %d | %d | %.2f | %.2f | %.2fx | %.0f%% | %.0f%% | "
                            + "%.0f%% (%.0f%%) | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %s |%n", run.model(), run.size(),
                    run.executors(), run.batchPerWorker(), run.averagingFrequency(), r.timedRounds(), r.roundSeconds(),
                    r.imagesPerSecond(), r.imagesPerSecond() / ref, 100 * r.fraction(r.computeSeconds()),
                    100 * r.fraction(r.dataSeconds()), 100 * r.fraction(r.initSeconds()),
                    100 * r.fraction(r.fetchSeconds()), 100 * r.fraction(r.prepareSeconds()),
                    100 * r.fraction(r.broadcastSeconds()),
                    100 * r.fraction(r.resultsSeconds()), 100 * r.fraction(r.otherSeconds()),
                    Double.isNaN(r.valL1()) ? "–" : String.format("%.3f", r.valL1())));
        }
        return sb.toString();
    }
}
