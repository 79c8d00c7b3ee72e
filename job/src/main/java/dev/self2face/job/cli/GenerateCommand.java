package dev.self2face.job.cli;

import dev.self2face.config.ConfigError;
import dev.self2face.job.apply.Generation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face generate}: faces from noise with a published DCGAN run, as one grid PNG. */
@Command(name = "generate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Sample faces from a trained DCGAN run (z ~ N(0, 1)) into a grid PNG.")
public class GenerateCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A published DCGAN run.")
    String model;

    @Option(names = "--n", defaultValue = "64", description = "Number of faces.")
    int n;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "The grid (local path or URI).")
    String out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the noise (same seed, same faces).")
    long seed;

    @Option(names = "--size", paramLabel = "S", description = "Fail unless the run makes images of this size.")
    Integer size;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 4096) {
            throw new ConfigError("--n " + n + ": must be between 1 and 4096");
        }
        Generation.run(config.load(List.of()), model, n, seed, size, out);
        System.out.println("wrote " + n + " faces to " + out);
        return 0;
    }

    @Override
    public String subject() {
        return "faces into " + out;
    }
}
