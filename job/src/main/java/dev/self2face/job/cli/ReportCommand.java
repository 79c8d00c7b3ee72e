package dev.self2face.job.cli;

import dev.self2face.job.report.ReportRun;
import dev.self2face.storage.StorageSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face report RUN}: rebuilds a run's report.html. */
@Command(name = "report", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Rebuild the self-contained report.html of a training run (finished or still training) from "
                + "its files: metrics and baselines, plots over the steps, sample grids over time, val cases, "
                + "warnings, dataset and config. Open it in any browser; it needs no network.")
public class ReportCommand implements Callable<Integer>, FailureReport.Subject {
    @Parameters(index = "0", paramLabel = "RUN", description = "A training run (local path or URI).")
    String run;

    @Option(names = "--out", paramLabel = "HTML", description = "Where to write it (default: RUN/report.html).")
    String out;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        System.out.println("wrote " + ReportRun.run(StorageSettings.from(config.load(List.of())), run, out));
        return 0;
    }

    @Override
    public String subject() {
        return "the report of " + run;
    }
}
