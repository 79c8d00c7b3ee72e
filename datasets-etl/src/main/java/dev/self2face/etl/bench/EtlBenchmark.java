package dev.self2face.etl.bench;

import dev.self2face.etl.EtlJob;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.FaceTools;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.face.AlignerKind;
import dev.self2face.etl.face.Alignment;
import dev.self2face.etl.video.FrameSampler;
import dev.self2face.etl.video.Segment;
import dev.self2face.etl.video.VideoDecoder;
import dev.self2face.etl.video.VideoInfo;
import dev.self2face.storage.StorageSettings;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.javacpp.Loader;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code bench etl}: frames/s of each ETL stage on one video, next to the plain ffmpeg CLI decoding the same file
 * in the same run (the ffmpeg binary shipped in the JavaCV FFmpeg jar: the same FFmpeg build the ETL uses).
 */
public final class EtlBenchmark {
    /** One measured line. */
    public record Line(String video, String what, long frames, double seconds, String note) {
        public double fps() {
            return frames / seconds;
        }
    }

    private final EtlSettings etl;
    private final StorageSettings storage;
    private final Map<String, Object> config;

    public EtlBenchmark(EtlSettings etl, StorageSettings storage, Map<String, Object> config) {
        this.etl = etl;
        this.storage = storage;
        this.config = config;
    }

    /** ffmpeg -threads N -i FILE -an -f null - : wall seconds. */
    public static double ffmpegDecode(File video, int threads) throws Exception {
        String ffmpeg = ffmpegProgram();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-threads",
                Integer.toString(threads), "-i", video.getAbsolutePath(), "-an", "-f", "null", "-")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed on " + video);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Every stage on one video; {@code masters} are the Spark masters the whole ETL runs on. */
    public List<Line> run(File video, List<String> masters, Function<String, SparkSession> sessions,
                          File scratch) throws Exception {
        List<Line> out = new ArrayList<>();
        String name = video.getName();
        VideoInfo info;
        try (VideoDecoder d = new VideoDecoder(video)) {
            info = d.probe(video.toURI().toString(), "bench", video.length());
        }
        long frames = info.estimatedFrames();
        out.add(new Line(name, "ffmpeg CLI decode, -threads 1", frames, ffmpegDecode(video, 1), "reference"));
        out.add(new Line(name, "ffmpeg CLI decode, -threads 2", frames, ffmpegDecode(video, 2), "reference"));

        Segment whole = new Segment(info, "bench", 0, 1, 0, Double.POSITIVE_INFINITY);
        long t0 = System.nanoTime();
        long decoded;
        try (VideoDecoder d = new VideoDecoder(video)) {
            decoded = d.decode(whole, new FrameSampler(1e9, info.frameDurationSec()), (i, t, m) -> { })
                    .framesDecoded();
        }
        out.add(new Line(name, "JavaCV decode only, 1 thread", decoded, (System.nanoTime() - t0) / 1e9, ""));

        double interval = FrameSampler.intervalFor(info.durationSec(), etl.targetPairs(), etl.minGapMs());
        for (AlignerKind aligner : AlignerKind.values()) {
            EtlSettings withAligner = etl.withAligner(aligner);
            FaceTools tools = FaceTools.forThread(withAligner, storage);
            tools.startSegment();
            t0 = System.nanoTime();
            long[] kept = new long[2];
            try (VideoDecoder d = new VideoDecoder(video)) {
                decoded = d.decode(whole, new FrameSampler(interval, info.frameDurationSec()), (i, t, m) -> {
                    kept[0]++;
                    tools.beforeFrame(t);
                    Alignment a = tools.aligner().align(m);
                    if (a.ok()) {
                        kept[1]++;
                        a.aligned().close();
                    }
                }).framesDecoded();
            }
            out.add(new Line(name, "decode + detect + align (" + aligner.name().toLowerCase() + "), 1 thread",
                    decoded, (System.nanoTime() - t0) / 1e9, String.format("%d sampled (one per %.0f ms), %d aligned",
                    kept[0], interval * 1000, kept[1])));
        }

        for (String master : masters) {
            File dir = Files.createTempDirectory(scratch.toPath(), "bench-etl").toFile();
            SparkSession spark = sessions.apply(master);
            try {
                t0 = System.nanoTime();
                EtlJob.Result r = new EtlJob(spark, etl, storage, config).run(List.of(video.getPath()),
                        new File(dir, "ds").getPath());
                double wall = (System.nanoTime() - t0) / 1e9;
                Manifest.Source s = r.manifest().sources.values().iterator().next();
                out.add(new Line(name, "whole ETL (" + etl.aligner().name().toLowerCase() + "), " + master,
                        s.framesDecoded, wall, shares(r.manifest(), s)));
            } finally {
                spark.stop();
                deleteRecursively(dir);
            }
        }
        return out;
    }

    private static String shares(Manifest m, Manifest.Source s) {
        Map<String, Double> t = m.stageSeconds;
        double tasks = t.getOrDefault("task:decode", 0.0) + t.getOrDefault("task:detect+align", 0.0)
                + t.getOrDefault("task:sharpness+hash+pack", 0.0);
        return String.format("%d segments, %d pairs; task time: decode %.0f%%, detect+align %.0f%%, "
                        + "sharpness+hash+pack %.0f%%; wall: probe %.1fs, decode+align %.1fs, dedupe %.1fs, "
                        + "identity %.1fs, repeats %.1fs, write %.1fs, commit+sheet %.1fs", s.segments, s.kept,
                100 * t.getOrDefault("task:decode", 0.0) / tasks,
                100 * t.getOrDefault("task:detect+align", 0.0) / tasks,
                100 * t.getOrDefault("task:sharpness+hash+pack", 0.0) / tasks, t.getOrDefault("probe", 0.0),
                t.getOrDefault("decode+align", 0.0), t.getOrDefault("dedupe", 0.0), t.getOrDefault("identity", 0.0),
                t.getOrDefault("repeats", 0.0), t.getOrDefault("write", 0.0), t.getOrDefault("commit", 0.0));
    }

    private static void deleteRecursively(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteRecursively(c);
            }
        }
        f.delete();
    }

    /**
     * The ffmpeg program of the JavaCV FFmpeg jar, unpacked with its libraries into JavaCPP's cache. Not through
     * {@code Loader.load(ffmpeg.class)}: that loads every FFmpeg library for the platform JavaCPP was told, and with
     * ND4J's oneDNN build chosen ({@code org.bytedeco.javacpp.platform.extension}) there is no such FFmpeg build
     * ("Platform not supported by class postproc").
     */
    private static String ffmpegProgram() throws IOException {
        File dir = Loader.cacheResources(org.bytedeco.ffmpeg.ffmpeg.class, Loader.getPlatform())[0];
        File exe = new File(dir, "ffmpeg");
        if (!exe.isFile() || !(exe.canExecute() || exe.setExecutable(true))) {
            throw new IOException("no runnable ffmpeg program in " + dir);
        }
        return exe.getPath();
    }

    /** The lines as a Markdown table, with each line's speed relative to single-thread ffmpeg. */
    public static String table(List<Line> lines) {
        StringBuilder b = new StringBuilder(
                "| video | stage | frames | seconds | frames/s | vs ffmpeg -threads 1 | notes |\n"
                + "|---|---|---:|---:|---:|---:|---|\n");
        double ref = Double.NaN;
        String refVideo = null;
        for (Line l : lines) {
            if (!l.video().equals(refVideo)) {
                refVideo = l.video();
                ref = l.fps();
            }
            b.append(String.format("| %s | %s | %d | %.2f | %.0f | %.2f× | %s |%n", l.video(), l.what(), l.frames(),
                    l.seconds(), l.fps(), l.fps() / ref, l.note()));
        }
        return b.toString();
    }
}
