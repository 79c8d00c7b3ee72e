package dev.self2face.job.cli;

import dev.self2face.job.bench.MissionVideos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.concurrent.Callable;

/** {@code self2face bench videos}: hours of input made from a real video, for the mission's end-to-end run. */
@Command(name = "videos", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Writes --videos videos totalling --hours into --out, made of the frames of --input (e.g. "
                + "Megamind.avi), each frame stretched and sheared by amounts that drift slowly and never repeat, so "
                + "the ETL finds faces that are not near-copies of one another (docs/BENCHMARKS.md, the mission's "
                + "size end to end). Videos already there are kept. Prints the files, one per line at the end.")
public class BenchVideosCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "A local video with faces.")
    File input;

    @Option(names = "--hours", defaultValue = "3", description = "Total length.")
    double hours;

    @Option(names = "--videos", defaultValue = "18", description = "How many videos the hours are cut into.")
    int videos;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A local folder for the videos.")
    File out;

    @Override
    public Integer call() throws Exception {
        for (File f : MissionVideos.write(input, hours, videos, out, System.err)) {
            System.out.println(f.getPath());
        }
        return 0;
    }
}
