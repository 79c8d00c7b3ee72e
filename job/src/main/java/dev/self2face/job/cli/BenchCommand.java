package dev.self2face.job.cli;

import picocli.CommandLine.Command;

/** {@code self2face bench}: measured speed, recorded in docs/BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (record the results in docs/BENCHMARKS.md).",
        subcommands = {BenchEtlCommand.class, BenchTrainCommand.class, BenchSparkCommand.class,
                BenchSweepCommand.class, BenchQualityCommand.class, BenchScaleCommand.class,
                BenchAvatarCommand.class, BenchVideosCommand.class})
public class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
