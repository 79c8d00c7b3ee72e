package dev.self2face.job.cli;

import dev.self2face.job.bench.ScaleBenchmark;
import dev.self2face.job.etl.EtlRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face bench scale}: the stages that grow with the dataset, timed at several sizes. */
@Command(name = "scale", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Makes datasets of each --sizes pairs from the pairs of --from (each face changed a little) "
                + "under --out, and times on each the stages that grow with a dataset: the ETL commit's attribute "
                + "summary and contact sheet, inspect, reading the pairs for training, an epoch's input, evaluation's "
                + "inputs, near-duplicates, identity clustering and repeats; prints a Markdown table with each "
                + "stage's growth exponent for docs/BENCHMARKS.md and writes it with a log-log plot (scale.md, "
                + "scale.png) into --out.")
public class BenchScaleCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "URI",
            description = "A dataset of real pairs (etl.size 256 for the mission's size).")
    String from;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A local folder for the datasets.")
    File out;

    @Option(names = "--sizes", split = ",", defaultValue = "1000,3000,10000", paramLabel = "N,N,…",
            description = "Dataset sizes in pairs, ascending.")
    List<Integer> sizes;

    @Option(names = "--size", defaultValue = "256", paramLabel = "PX", description = "model.size training reads at.")
    int size;

    @Option(names = "--batch", defaultValue = "4", description = "training.batch of the epoch's input.")
    int batch;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        ScaleBenchmark.run(EtlRun.Settings.from(config.load(List.of())), from, out, sizes, size, batch, System.out);
        return 0;
    }
}
