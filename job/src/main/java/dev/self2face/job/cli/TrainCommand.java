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
        add(sets, "model.kind", model);
        add(sets, "training.data", data);
        add(sets, "training.out", out);
        add(sets, "training.steps", steps);
        add(sets, "training.batch", batch);
        add(sets, "model.size", size);
        add(sets, "training.workers", workers);
        add(sets, "training.rounds", rounds);
        if (local) {
            sets.add("training.local=true");
        }
        if (resume) {
            sets.add("training.resume=true");
        }
        System.out.println("published " + TrainingRun.run(config.load(sets)));
        return 0;
    }

    @Override
    public String subject() {
        return "run " + (out != null ? out : "at training.out");
    }

    private static void add(List<String> sets, String key, Object value) {
        if (value != null) {
            sets.add(key + "=" + Hocon.value(value));
        }
    }
}
