package dev.self2face.job.bench;

import dev.self2face.config.ConfigError;
import dev.self2face.etl.bench.EtlBenchmark;
import dev.self2face.etl.bench.SyntheticVideo;
import dev.self2face.job.etl.EtlRun;
import dev.self2face.job.spark.JobSpark;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench etl}: the ETL's stage speeds on a video and on a long video made from its frames (kept in
 * {@code cache} between runs), on each Spark master, next to plain ffmpeg; one table at the end.
 */
public final class EtlBenchRun {
    private EtlBenchRun() {
    }

    /** @param longMinutes length of the long input (0: only {@code input}) */
    public static void run(EtlRun.Settings settings, File input, double longMinutes, File cache, List<String> masters,
                           PrintStream out) throws Exception {
        if (!input.isFile()) {
            throw new ConfigError("--input " + input + ": no such file");
        }
        EtlBenchmark bench = new EtlBenchmark(settings.etl(), settings.spark().storage(), settings.recorded());
        cache.mkdirs();
        List<File> videos = new ArrayList<>(List.of(input));
        if (longMinutes > 0) {
            videos.add(longVideo(input, longMinutes, cache));
        }
        List<EtlBenchmark.Line> lines = new ArrayList<>();
        for (File v : videos) {
            System.err.println("bench: " + v);
            lines.addAll(bench.run(v, masters, master -> JobSpark.start(settings.spark().withMaster(master), "bench"),
                    cache));
        }
        out.println(EtlBenchmark.table(lines));
        out.println(Machine.describe());
    }

    private static File longVideo(File input, double minutes, File cache) throws Exception {
        String base = input.getName().replaceAll("\\.[^.]*$", "");
        File longVideo = new File(cache, String.format("%s-%.0fmin.mp4", base, minutes));
        if (!longVideo.isFile()) {
            System.err.printf("bench: making %s (%.0f minutes of %s's real frames)...%n", longVideo, minutes,
                    input.getName());
            File tmp = new File(cache, longVideo.getName() + ".part.mp4");
            SyntheticVideo.fromVideo(input, minutes * 60, tmp, 24);
            if (!tmp.renameTo(longVideo)) {
                throw new IOException("cannot move " + tmp + " to " + longVideo);
            }
        }
        return longVideo;
    }
}
