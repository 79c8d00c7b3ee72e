package dev.self2face.job.apply;

import dev.self2face.spark.SparkSettings;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.VideoConditions;
import dev.self2face.etl.video.Segment;
import dev.self2face.etl.video.VideoDecoder;
import dev.self2face.etl.video.VideoInfo;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.run.TrainedGenerator;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.storage.LocalCopies;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A long video through the avatar as time segments on Spark, like the ETL: one task per segment (each loads the
 * generator, decodes its segment from a local copy of the input — with a warm-up before it for the landmark filter —
 * and writes a lossless video (FFV1) of its frames into a staging folder next to the output), then the driver joins the
 * segments in order with the input's audio into the one H.264 video ({@link AvatarJoin}). Frames are assigned to
 * segments by their timestamps, so the output has the input's frames, each once.
 */
final class AvatarSegments {
    private static final Logger LOG = LoggerFactory.getLogger("self2face.avatar");

    /** What the whole video gave, and the segment files to join (in order). */
    record Outcome(List<AvatarVideo.Result> segments, List<Path> files) {
    }

    /** One segment task's inputs: everything an executor needs, serializable. */
    record Task(String run, String inputUri, String fingerprint, Segment segment, double warmupSec, String staging,
                EtlSettings etl, StorageSettings storage, AvatarSettings avatar) implements Serializable {
    }

    private AvatarSegments() {
    }

    /** The segments of a video of this length: one when it is not longer than {@code segmentSeconds} (0: never). */
    static List<Segment> split(VideoInfo v, int segmentSeconds) {
        if (segmentSeconds <= 0 || v.durationSec() <= segmentSeconds) {
            return Segment.split(v, "avatar", Integer.MAX_VALUE);
        }
        return Segment.split(v, "avatar", segmentSeconds);
    }

    /**
     * The segments as Spark tasks writing into {@code output}'s folder's {@code _tmp-avatar-ID/} (removed after),
     * joined here with the input's audio into {@code localOut}; the figures are the segments' added up.
     */
    static AvatarVideo.Result run(SparkSettings sparkSettings, String runUri, EtlSettings etl, StorageSettings ss, AvatarSettings s,
                                  VideoInfo v, List<Segment> segments, File localIn, File localOut, String output,
                                  File work) throws IOException {
        Storage storage = new Storage(ss);
        Path staging = new Path(Storage.path(output).getParent(), "_tmp-avatar-" + UUID.randomUUID());
        List<Task> tasks = new ArrayList<>();
        for (Segment seg : segments) {
            tasks.add(new Task(runUri, v.uri(), v.fingerprint(), seg, s.warmupSeconds(),
                    staging.toString(), etl, ss, s));
        }
        long started = System.nanoTime();
        try {
            Outcome o;
            try (SparkSession spark = JobSpark.start(sparkSettings, "avatar", ApplyKryoRegistrator.class)) {
                o = run(spark, tasks, s.progressSeconds());
            }
            List<File> files = new ArrayList<>();
            for (Path p : o.files()) {
                File f = "file".equals(p.toUri().getScheme()) ? new File(p.toUri()) : new File(work, p.getName());
                if (!f.exists()) {
                    FileUtil.copy(storage.fs(p), p, f, false, storage.conf());
                }
                files.add(f);
            }
            TemporalStats.Totals totals = TemporalStats.Totals.NONE;
            StringBuilder perFrame = new StringBuilder("frame,t,face,x,y,w,h\n");
            List<Double> times = new ArrayList<>();
            long faces = 0;
            long next = 0;
            AvatarStages stages = new AvatarStages();
            for (AvatarVideo.Result r : o.segments()) {
                totals = totals.plus(r.stats());
                stages = stages.plus(r.stages());
                faces += r.faces();
                String[] lines = r.perFrame().split("\n");
                for (int i = 1; i < lines.length; i++) {
                    String[] cells = lines[i].split(",", 3);
                    times.add(Double.parseDouble(cells[1]));
                    perFrame.append(next++).append(lines[i], lines[i].indexOf(','), lines[i].length()).append('\n');
                }
            }
            AvatarJoin.Joined joined = AvatarJoin.join(files, times, localIn, localOut, v.fps());
            return new AvatarVideo.Result(joined.frames(), faces, v.fps(), v.width(), v.height(), joined.seconds(),
                    joined.audio(), totals, (System.nanoTime() - started) / 1e9, perFrame.toString(), stages);
        } finally {
            storage.fs(staging).delete(staging, true);
        }
    }

    private static Outcome run(SparkSession spark, List<Task> tasks, int progressSeconds) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long started = System.nanoTime();
        String group = "self2face-avatar-" + System.nanoTime();
        jsc.setJobGroup(group, "avatar segments", false);
        Thread progress = progress(jsc, group, tasks, progressSeconds, started);
        List<AvatarVideo.Result> results;
        try {
            results = jsc.parallelize(tasks, tasks.size()).map(AvatarSegments::process).collect();
        } finally {
            progress.interrupt();
            jsc.clearJobGroup();
        }
        long frames = results.stream().mapToLong(AvatarVideo.Result::frames).sum();
        double wall = (System.nanoTime() - started) / 1e9;
        LOG.info(String.format(Locale.ROOT, "avatar: %d segments, %d frames in %.0fs (%.1f frames/s)",
                tasks.size(), frames, wall, frames / wall));
        List<Path> files = new ArrayList<>();
        for (Task t : tasks) {
            files.add(segmentFile(t));
        }
        return new Outcome(results, files);
    }

    /** A driver thread printing segments done, frames/s (of the finished segments' video time) and the ETA. */
    private static Thread progress(JavaSparkContext jsc, String group, List<Task> tasks, int seconds, long started) {
        double total = tasks.stream().mapToDouble(t -> Math.min(t.segment().endSec(), t.segment().video()
                .durationSec()) - t.segment().startSec()).sum();
        double fps = tasks.get(0).segment().video().fps();
        Thread t = new Thread(() -> {
            try {
                while (seconds > 0) {
                    Thread.sleep(seconds * 1000L);
                    int done = 0;
                    for (int job : jsc.statusTracker().getJobIdsForGroup(group)) {
                        var info = jsc.statusTracker().getJobInfo(job);
                        if (info != null) {
                            for (int stage : info.stageIds()) {
                                var st = jsc.statusTracker().getStageInfo(stage);
                                done += st == null ? 0 : st.numCompletedTasks();
                            }
                        }
                    }
                    double wall = (System.nanoTime() - started) / 1e9;
                    double videoDone = total * done / tasks.size();
                    LOG.info(String.format(Locale.ROOT, "avatar: %d/%d segments done · %.1f frames/s · ETA %s",
                            done, tasks.size(), videoDone * fps / wall, done == 0 ? "after the first segment"
                                    : String.format(Locale.ROOT, "%.0fs", wall * (total - videoDone) / videoDone)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "avatar-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static Path segmentFile(Task t) {
        return new Path(Storage.path(t.staging()), String.format(Locale.ROOT, "segment-%05d.mkv",
                t.segment().index()));
    }

    /** On an executor: one segment through the avatar, its video copied into the staging folder. */
    static AvatarVideo.Result process(Task t) throws IOException {
        Storage storage = new Storage(t.storage());
        File input = LocalCopies.localFile(storage, t.inputUri(), t.fingerprint(), t.storage().localCacheDir());
        TrainedGenerator g = TrainedGenerator.load(new RunStore(storage, t.run()), GanInput.CONDITION_IMAGE, null);
        VideoConditions conditions = new VideoConditions(t.etl(), t.storage(), new LandmarkSmoothing(
                t.avatar().smoothing(), t.avatar().minCutoff(), t.avatar().beta(), t.avatar().dCutoff()));
        File work = Files.createTempDirectory("self2face-avatar-segment").toFile();
        try {
            File local = new File(work, "segment.mkv");
            AvatarVideo.Result r = new AvatarVideo(g, conditions, t.avatar()).segment(input, t.segment(),
                    t.warmupSec(), local.getPath());
            Path target = segmentFile(t);
            storage.upload(local, target);
            LOG.info(String.format(Locale.ROOT, "avatar: segment %d/%d (%.0f–%.0f s) %d frames, %.1f frames/s",
                    t.segment().index() + 1, t.segment().count(), t.segment().startSec(),
                    Math.min(t.segment().endSec(), t.segment().video().durationSec()), r.frames(),
                    r.frames() / r.wallSeconds()));
            return r;
        } finally {
            FileUtil.fullyDelete(work);
        }
    }

    /** The video's facts, probed on a local copy. */
    static VideoInfo probe(File local, String uri, String fingerprint, long size) throws IOException {
        try (VideoDecoder d = new VideoDecoder(local)) {
            return d.probe(uri, fingerprint, size);
        }
    }
}
