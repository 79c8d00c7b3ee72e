package dev.self2face.job.cli;

import dev.self2face.config.ConfigError;
import dev.self2face.job.bench.TrainBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face bench train}: a training step's images/s and GFLOP/s next to ND4J's own GEMM peak. */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Images/s of one training step (synthetic batches), the model's FLOPs per image counted from "
                + "its layers, the GFLOP/s achieved and ND4J's GEMM GFLOP/s measured in the same run. Prints a "
                + "Markdown table for docs/BENCHMARKS.md. Network widths come from the config (model.*).")
public class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "dcgan", paramLabel = "${sys:self2face.models}")
    String model;

    @Option(names = "--size", split = ",", defaultValue = "64", description = "Sizes (comma-separated).")
    List<Integer> sizes;

    @Option(names = "--batch", defaultValue = "32")
    int batch;

    @Option(names = "--steps", defaultValue = "5", description = "Timed steps (after the warm-up).")
    int steps;

    @Option(names = "--warmup-seconds", defaultValue = "20", description = "Untimed steps first, for at least this "
            + "long (and at least 2); the PyTorch reference runs as many: the JVM compiles its hot code in a run's "
            + "first steps.")
    double warmupSeconds;

    @Option(names = "--reference", defaultValue = "none", paramLabel = "none|torch",
            description = "torch: also run the same model and step in PyTorch (python3-torch) in this run, with the "
                    + "same batch and threads, and print both with their ratio.")
    String reference;

    @Option(names = "--no-metrics", description = "Skip the second table (what one evaluation of the metrics costs).")
    boolean noMetrics;

    @Option(names = "--profile", description = "Also time G's and D's forward and backward passes by layer type "
            + "(and, with --reference torch, PyTorch's ops by kind).")
    boolean profile;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (!List.of("none", "torch").contains(reference)) {
            throw new ConfigError("--reference " + reference + ": must be none or torch");
        }
        // a benchmark reads and writes no dataset or run
        TrainBenchmark.run(TrainBenchmark.Settings.from(config.load(List.of("model.kind=" + model, "training.data=-",
                        "training.out=-"))), sizes, batch, steps, warmupSeconds,
                reference.equals("torch"), !noMetrics, profile, System.out);
        return 0;
    }
}
