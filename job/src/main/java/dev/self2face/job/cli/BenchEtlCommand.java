package dev.self2face.job.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.self2face.config.ConfigError;
import dev.self2face.config.ConfigLoader;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.bench.EtlBenchmark;
import dev.self2face.etl.bench.SyntheticVideo;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.storage.StorageSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.ArrayList;
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
        if (!input.isFile()) {
            throw new ConfigError("--input " + input + ": no such file");
        }
        Config c = config.load(List.of("spark.conf.\"spark.ui.enabled\"=false"));
        EtlBenchmark bench = new EtlBenchmark(EtlSettings.from(c), StorageSettings.from(c),
                ConfigLoader.forRecord(c, "etl"));
        List<File> videos = new ArrayList<>(List.of(input));
        if (longMinutes > 0) {
            cache.mkdirs();
            String base = input.getName().replaceAll("\\.[^.]*$", "");
            File longVideo = new File(cache, String.format("%s-%.0fmin.mp4", base, longMinutes));
            if (!longVideo.isFile()) {
                System.err.printf("bench: making %s (%.0f minutes of %s's real frames)...%n", longVideo,
                        longMinutes, input.getName());
                File tmp = new File(cache, longVideo.getName() + ".part.mp4");
                SyntheticVideo.fromVideo(input, longMinutes * 60, tmp, 24);
                if (!tmp.renameTo(longVideo)) {
                    throw new IllegalStateException("cannot move " + tmp + " to " + longVideo);
                }
            }
            videos.add(longVideo);
        }
        List<EtlBenchmark.Line> lines = new ArrayList<>();
        for (File v : videos) {
            System.err.println("bench: " + v);
            lines.addAll(bench.run(v, masters, master -> JobSpark.start(
                    c.withValue("spark.master", ConfigValueFactory.fromAnyRef(master)),
                    "bench"), cache));
        }
        System.out.println(EtlBenchmark.table(lines));
        System.out.printf("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));
        return 0;
    }
}
