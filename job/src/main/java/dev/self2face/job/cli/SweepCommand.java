package dev.self2face.job.cli;

import dev.self2face.config.ConfigError;
import dev.self2face.job.sweep.Sweep;
import dev.self2face.job.sweep.TrialResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face sweep}: a hyper-parameter sweep as one Spark job ({@link Sweep}). */
@Command(name = "sweep", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Search hyper-parameters: trials of a search space run as local trainings inside Spark tasks "
                + "(random search or successive halving); writes sweep.json, sweep.html, best.conf and "
                + "best-pipeline.conf under --out. Run it again on the same --out to continue a killed sweep.")
public class SweepCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--model", required = true, paramLabel = "${sys:self2face.models}",
            description = "model.kind: the model the trials train.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "URI", description = "The dataset (etl --output).")
    String data;

    @Option(names = "--out", required = true, paramLabel = "URI", description = "Where the sweep and its trials go.")
    String out;

    @Option(names = "--space", required = true, paramLabel = "FILE", description = "The search space (HOCON; "
            + "docs/SWEEPS.md).")
    File space;

    @Option(names = "--trials", paramLabel = "N", description = "Trials (overrides the space file's).")
    Integer trials;

    @Option(names = "--parallel", paramLabel = "P", description = "Trials at a time (overrides the space file's; "
            + "0: Spark's default parallelism).")
    Integer parallel;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (!space.isFile()) {
            throw new ConfigError("--space " + space + ": no such file");
        }
        List<String> sets = new ArrayList<>(List.of("model.kind=" + model, "training.data=" + Hocon.value(data)));
        Sweep.Checked k = Sweep.check(space.getPath(), Files.readString(space.toPath()), config::load, sets, out,
                trials, parallel);
        TrialResult best = Sweep.run(k).best();
        System.out.println("best trial " + best.id() + ": " + k.space().metric() + " " + best.metric() + " ("
                + best.run() + "); settings in " + out + "/best.conf, report " + out + "/sweep.html");
        return 0;
    }

    @Override
    public String subject() {
        return "sweep " + out;
    }
}
