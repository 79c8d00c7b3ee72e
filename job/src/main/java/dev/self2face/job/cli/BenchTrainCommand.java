package dev.self2face.job.cli;

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
    @Option(names = "--model", defaultValue = "dcgan", paramLabel = "dcgan|pix2pix")
    String model;

    @Option(names = "--size", split = ",", defaultValue = "64", description = "Sizes (comma-separated).")
    List<Integer> sizes;

    @Option(names = "--batch", defaultValue = "32")
    int batch;

    @Option(names = "--steps", defaultValue = "5", description = "Timed steps (after 2 warm-up steps).")
    int steps;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        TrainBenchmark.run(config.load(List.of("model.kind=" + model)), sizes, batch, steps, System.out);
        return 0;
    }
}
