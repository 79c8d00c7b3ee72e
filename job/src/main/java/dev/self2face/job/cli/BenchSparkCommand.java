package dev.self2face.job.cli;

import dev.self2face.job.bench.SparkBenchRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face bench spark}: images/s on 1 and 2 executors, and the effect of the averaging frequency. */
@Command(name = "spark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Real train runs on a standalone Spark cluster of single-core executors started on this "
                + "machine (master, workers and the SparkSubmit driver each their own JVM): the same total batch on "
                + "each executor count, with the round's time split (the executors' compute and network rebuild, "
                + "making the minibatches, the driver's broadcast, results back and averaging); then, on the "
                + "largest executor count, each averaging frequency for the same number of examples (val L1 for "
                + "pix2pix). Prints Markdown tables for docs/BENCHMARKS.md. Needs the built job jar and "
                + "job/target/spark-home (mvn package).")
public class BenchSparkCommand implements Callable<Integer> {
    enum Study { both, scaling, frequency }

    @Option(names = "--study", defaultValue = "both", description = "scaling (executor counts), frequency "
            + "(averaging frequencies on the largest executor count) or both.")
    Study study;

    @Option(names = "--data", required = true, description = "A dataset made by the ETL (local path or URI).")
    String data;

    @Option(names = "--model", defaultValue = "pix2pix", paramLabel = "${sys:self2face.models}")
    String model;

    @Option(names = "--size", defaultValue = "128")
    int size;

    @Option(names = "--total-batch", defaultValue = "8",
            description = "Images per minibatch over all executors (each executor fits total/executors).")
    int totalBatch;

    @Option(names = "--batch-per-executor", defaultValue = "0", description = "In the scaling runs, images per "
            + "minibatch on every executor whatever their number (as training.batch-per-worker is set in training), "
            + "instead of --total-batch split between them; 0: split --total-batch.")
    int batchPerExecutor;

    @Option(names = "--executors", split = ",", defaultValue = "1,2")
    List<Integer> executors;

    @Option(names = "--averaging-frequency", defaultValue = "1",
            description = "Minibatches each executor fits between averagings, in the scaling runs.")
    int averagingFrequency;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds per run; the first is not timed.")
    int rounds;

    @Option(names = "--frequencies", split = ",", defaultValue = "1,5,20",
            description = "Averaging frequencies for the second table (empty: skip it).")
    List<Integer> frequencies;

    @Option(names = "--frequency-examples", defaultValue = "2560",
            description = "Examples each frequency run trains on (per phase), so their val L1 compare.")
    int frequencyExamples;

    @Option(names = "--executor-memory", defaultValue = "3g", description = "Executor heap: a worker's result "
            + "(parameters and Adam state) is serialized on the heap; pix2pix-128 at ngf 64 failed with 2g and ran "
            + "with 3g. Off-heap, ND4J may use as much again and the process 4 GB above the heap: two executors at "
            + "6g with the drivers outgrew a 24 GB machine.")
    String executorMemory;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Config for every train run (repeatable), "
            + "e.g. --set model.pix2pix.ngf=32.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SparkBenchRun.run(new SparkBenchRun.Plan(study != Study.frequency, study != Study.scaling, data, model, size,
                totalBatch, batchPerExecutor, executors, averagingFrequency, rounds, frequencies, frequencyExamples,
                executorMemory, sets), System.out);
        return 0;
    }
}
