package dev.self2face.job.cli;

import dev.self2face.job.sweep.SweepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face bench sweep}: successive halving against random search, the same space and trial budget. */
@Command(name = "sweep", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Runs the space twice into --out/halving and --out/random (local output): successive halving "
                + "and random search of full-length trials, the same trials; prints wall time, steps trained and "
                + "the best metric of each as a Markdown table for docs/BENCHMARKS.md.")
public class BenchSweepCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "${sys:self2face.models}", description = "model.kind")
    String model;

    @Option(names = "--data", required = true, paramLabel = "URI", description = "The dataset.")
    String data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A local folder for both sweeps.")
    File out;

    @Option(names = "--space", required = true, paramLabel = "FILE", description = "The search space.")
    File space;

    @Option(names = "--trials", paramLabel = "N", description = "Trials (overrides the space file's).")
    Integer trials;

    @Option(names = "--parallel", paramLabel = "P", description = "Trials at a time (overrides the space file's).")
    Integer parallel;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        SweepBenchmark.run(space.getPath(), Files.readString(space.toPath()), config::load,
                List.of("model.kind=" + model, "training.data=" + Hocon.value(data)), out.getPath(), trials, parallel,
                System.out);
        return 0;
    }
}
