package dev.self2face.job.cli;

import dev.self2face.etl.EtlJob;
import dev.self2face.etl.dataset.DatasetStatus;
import dev.self2face.job.etl.EtlRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face etl}: videos -> a published dataset of aligned (condition, face) pairs. */
@Command(name = "etl", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Turn videos of one person into aligned (condition, face) pairs: Parquet, rejects, manifest "
                + "and contact sheet under --output. Incremental: unchanged videos are skipped.")
public class EtlCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "URI",
            description = "Videos: local paths, file://, s3a:// or hdfs:// URIs, directories (searched recursively) "
                    + "or globs. Repeatable.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "URI", description = "Dataset location.")
    String output;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        EtlRun.Settings settings = EtlRun.Settings.from(config.load(List.of()));
        EtlJob.Result r = EtlRun.run(EtlRun.check(settings, inputs, output, true));
        if (r.processed().isEmpty()) {
            System.out.println("Nothing new: every input is already in " + output + ".");
        }
        for (String reason : r.rejectedReasons()) {
            System.err.println("rejected: " + reason);
        }
        if (r.exitCode() != 0) {
            System.err.println("self2face etl: every input was rejected (see the reasons above and "
                    + output + "/rejects)");
        }
        System.out.println(DatasetStatus.summary(r.manifest(), output));
        return r.exitCode();
    }

    @Override
    public String subject() {
        return "dataset " + output;
    }
}
