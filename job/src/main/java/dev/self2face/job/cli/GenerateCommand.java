package dev.self2face.job.cli;

import dev.self2face.config.ConfigError;
import dev.self2face.job.apply.AttributeRequest;
import dev.self2face.job.apply.Generation;
import dev.self2face.storage.StorageSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face generate}: faces from noise with a published DCGAN or conditional run, as one grid PNG. */
@Command(name = "generate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Sample faces from a trained DCGAN or cdcgan run (z ~ N(0, 1); cdcgan: and attributes) into a "
                + "grid PNG.")
public class GenerateCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--model", required = true, paramLabel = "RUN",
            description = "A published dcgan or cdcgan run (or a model folder).")
    String model;

    @Option(names = "--n", defaultValue = "64", description = "Number of faces (with --sweep: rows).")
    int n;

    @Option(names = "--labels", paramLabel = "NAME=V,...", description = "cdcgan: attributes to ask for, 1 (has it) "
            + "or 0 (has not), e.g. smile=1,mouth_open=0; the others are drawn as often as in the train faces.")
    String labels;

    @Option(names = "--sweep", paramLabel = "NAME", description = "cdcgan: one row per face, the attribute going from "
            + "0 to 1 across " + AttributeRequest.SWEEP_STEPS + " columns, noise and the other attributes fixed.")
    String sweep;

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
        int written = Generation.run(StorageSettings.from(config.load(List.of())), model,
                new Generation.Request(n, seed, size, labels, sweep), out);
        System.out.println("wrote " + written + " faces to " + out);
        return 0;
    }

    @Override
    public String subject() {
        return "faces into " + out;
    }
}
