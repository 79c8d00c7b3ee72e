package dev.self2face.job.bench;

import dev.self2face.config.ConfigError;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench spark}: the scaling study (the same total batch on each executor count, or the same batch on each
 * executor) and the averaging-frequency study (each frequency for the same number of examples on the largest
 * executor count), on a standalone cluster of this machine; a table after every run.
 */
public final class SparkBenchRun {
    /** What to measure; see {@code bench spark --help} for each field. */
    public record Plan(boolean scaling, boolean frequency, String data, String model, int size, int totalBatch,
                       int batchPerExecutor, List<Integer> executors, int averagingFrequency, int rounds,
                       List<Integer> frequencies, int frequencyExamples, String executorMemory, List<String> sets) {
    }

    private SparkBenchRun() {
    }

    public static void run(Plan p, PrintStream out) throws Exception {
        if (p.batchPerExecutor() < 0) {
            throw new ConfigError("--batch-per-executor " + p.batchPerExecutor() + ": must be 0 or more");
        }
        for (int e : p.executors()) {
            if (e < 1 || (p.batchPerExecutor() == 0 && p.totalBatch() % e != 0)) {
                throw new ConfigError("--total-batch " + p.totalBatch() + " must divide over --executors " + e);
            }
        }
        Path jar = jobJar();
        Path sparkHome = jar.resolveSibling("spark-home");
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new ConfigError(sparkHome + "/jars: missing; make it with "
                    + "mvn -pl job dependency:copy-dependencies@spark-home (mvn verify makes it too)");
        }
        SparkBenchmark bench = new SparkBenchmark(sparkHome, jar, p.data(), p.executorMemory());
        List<SparkBenchmark.Result> scaling = new ArrayList<>();
        for (int e : p.scaling() ? p.executors() : List.<Integer>of()) {
            int each = p.batchPerExecutor() > 0 ? p.batchPerExecutor() : p.totalBatch() / e;
            System.err.printf("bench: %s-%d on %d executor(s), %d images each...%n", p.model(), p.size(), e, each);
            scaling.add(bench.measure(new SparkBenchmark.Run(p.model(), p.size(), e, each,
                    p.averagingFrequency(), p.rounds(), p.sets())));
            out.println(SparkBenchmark.table(scaling));
        }
        int most = p.executors().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<SparkBenchmark.Result> byFrequency = new ArrayList<>();
        for (int f : p.frequency() ? p.frequencies() : List.<Integer>of()) {
            int perRound = p.totalBatch() * f;
            // every run trains on the same examples; its first round (counted among them) is not timed
            int rounds = Math.max(2, Math.round((float) p.frequencyExamples() / perRound));
            System.err.printf("bench: averaging frequency %d, %d rounds...%n", f, rounds);
            byFrequency.add(bench.measure(new SparkBenchmark.Run(p.model(), p.size(), most, p.totalBatch() / most,
                    f, rounds, p.sets())));
            out.println(SparkBenchmark.table(byFrequency));
        }
        out.println(Machine.describe());
    }

    /** The job jar this runs from (job/target/self2face.jar); the cluster's executors load it. */
    private static Path jobJar() throws URISyntaxException {
        Path p = Path.of(SparkBenchRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!p.toString().endsWith(".jar")) {
            throw new ConfigError("bench spark runs from the job jar (bin/self2face), not from " + p);
        }
        return p;
    }
}
