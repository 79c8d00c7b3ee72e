package dev.self2face.job.cli;

import dev.self2face.job.pipeline.PipelineRun;
import dev.self2face.job.pipeline.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face pipeline}: the nightly retrain, ETL → train → evaluate → gate → publish. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "The whole retrain on a root folder: new or changed videos into ROOT/dataset, a candidate of "
                + "each model under ROOT/runs/RUN-ID/, candidate and live model measured on the same val pairs, "
                + "candidates that pass the quality gate published to ROOT/models/MODEL/ (LATEST names the live "
                + "one), and a summary. Continues a run that was killed. Defaults are listed below.")
public class PipelineCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--root", paramLabel = "URI", description = "pipeline.root: where the dataset, runs and live "
            + "models are")
    String root;

    @Option(names = "--input", paramLabel = "URI", description = "pipeline.inputs: videos, folders or globs "
            + "(repeatable)")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--dry-run", description = "Say what would be processed, trained and compared; do nothing.")
    boolean dryRun;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        List<String> sets = new ArrayList<>();
        Hocon.set(sets, "pipeline.root", root);
        Hocon.set(sets, "pipeline.inputs", inputs.isEmpty() ? null : inputs);
        PipelineRun.Outcome outcome = PipelineRun.run(PipelineSettings.from(config.load(sets)), dryRun);
        System.out.print(outcome.table());
        if (outcome.summary() != null) {
            System.out.println("summary: " + outcome.summary());
        }
        return 0;
    }

    @Override
    public String subject() {
        return "pipeline on " + (root != null ? root : "pipeline.root");
    }
}
