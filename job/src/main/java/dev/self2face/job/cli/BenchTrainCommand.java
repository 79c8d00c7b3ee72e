package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.job.bench.TrainBenchmark;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.train.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
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
        System.err.println("bench: " + Backend.describe());
        List<TrainBenchmark.Result> results = new ArrayList<>();
        for (int size : sizes) {
            Config c = config.load(List.of("model.kind=" + model, "model.size=" + size));
            ModelSettings s = ModelSettings.from(c);
            System.err.printf("bench: %s at %d, batch %d...%n", model, size, batch);
            results.add(TrainBenchmark.run(s, batch, 2, steps));
            System.out.println(TrainBenchmark.table(results));
        }
        System.out.printf("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));
        return 0;
    }
}
