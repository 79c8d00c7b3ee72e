package dev.self2face.job.cli;

import dev.self2face.job.bench.EtlBenchRun;
import dev.self2face.job.etl.EtlRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face bench etl}: ETL stage speeds next to the ffmpeg CLI, on a video and on an hour-scale one. */
@Command(name = "etl", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Frames/s of decode only, decode + detect + align and the whole ETL (local[1], local[2]) next "
                + "to plain ffmpeg decoding the same file, on --input and on a long video made from its frames. "
                + "Prints a Markdown table for docs/BENCHMARKS.md.")
public class BenchEtlCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "A local video (e.g. Megamind.avi).")
    File input;

    @Option(names = "--long-minutes", defaultValue = "60",
            description = "Length of the long input made from --input's frames (0: skip it).")
    double longMinutes;

    @Option(names = "--cache", defaultValue = "${sys:user.home}/.cache/self2face/bench",
            description = "Where the long input is kept between runs.")
    File cache;

    @Option(names = "--masters", split = ",", defaultValue = "local[1],local[2]",
            description = "Spark masters the whole ETL runs on.")
    List<String> masters;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        EtlBenchRun.run(EtlRun.Settings.from(config.load(List.of("spark.conf.\"spark.ui.enabled\"=false"))), input, longMinutes, cache,
                masters, System.out);
        return 0;
    }
}
