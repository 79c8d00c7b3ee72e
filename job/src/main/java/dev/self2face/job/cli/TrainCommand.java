package dev.self2face.job.cli;

import dev.self2face.job.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face train}: a model of the registry on an ETL dataset, published as a run. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model (${sys:self2face.models}: docs/MODELS.md) on a dataset the ETL wrote. "
                + "Every option is also a config key (shown with it); defaults are listed below.")
public class TrainCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--model", paramLabel = "${sys:self2face.models}", description = "model.kind")
    String model;

    @Option(names = "--data", paramLabel = "URI", description = "training.data: the dataset (etl --output).")
    String data;

    @Option(names = "--out", paramLabel = "URI", description = "training.out: where the run is written.")
    String out;

    @Option(names = "--local", description = "training.local: train in this JVM (not on Spark executors).")
    boolean local;

    @Option(names = "--steps", paramLabel = "N", description = "training.steps")
    Integer steps;

    @Option(names = "--batch", paramLabel = "B", description = "training.batch")
    Integer batch;

    @Option(names = "--size", paramLabel = "S", description = "model.size: 64, 128 or 256")
    Integer size;

    @Option(names = "--resume", description = "training.resume: continue from the newest checkpoint in --out.")
    boolean resume;

    @Option(names = "--workers", paramLabel = "N", description = "training.workers (on Spark; 0 = Spark's cores)")
    Integer workers;

    @Option(names = "--rounds", paramLabel = "N", description = "training.rounds (on Spark)")
    Integer rounds;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        List<String> sets = new ArrayList<>();
        Hocon.set(sets, "model.kind", model);
        Hocon.set(sets, "training.data", data);
        Hocon.set(sets, "training.out", out);
        Hocon.set(sets, "training.steps", steps);
        Hocon.set(sets, "training.batch", batch);
        Hocon.set(sets, "model.size", size);
        Hocon.set(sets, "training.workers", workers);
        Hocon.set(sets, "training.rounds", rounds);
        Hocon.set(sets, "training.local", local ? true : null);
        Hocon.set(sets, "training.resume", resume ? true : null);
        System.out.println("published " + TrainingRun.run(TrainingRun.check(config.load(sets))));
        return 0;
    }

    @Override
    public String subject() {
        return "run " + (out != null ? out : "at training.out");
    }
}
