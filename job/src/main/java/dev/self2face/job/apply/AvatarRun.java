package dev.self2face.job.apply;

import dev.self2face.json.Json;
import dev.self2face.config.ConfigError;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.VideoConditions;
import dev.self2face.etl.face.landmarks.LandmarkModels;
import dev.self2face.etl.video.Segment;
import dev.self2face.etl.video.VideoInfo;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.run.ModelFolder;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.run.TrainedGenerator;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code avatar}: a pix2pix run (or a model folder's live run) driven by a video of anyone. Checks before any frame
 * (the model takes condition images and its dataset was aligned by landmarks, the input exists, the output can be
 * written), then the video goes through {@link AvatarVideo} in this JVM, or, when longer than
 * {@code avatar.segment-seconds}, as time segments on Spark ({@link AvatarSegments}); remote inputs and outputs go
 * through a local copy. Writes the video, {@code OUTPUT.json} with the counts and the steadiness figures, and
 * {@code OUTPUT.frames.csv}: per frame, whether it had a face and where the pasted face is.
 */
public final class AvatarRun {

    private AvatarRun() {
    }

    /** @return the summary written next to the output */
    public static AvatarSummary run(ApplySettings a, AvatarSettings s, String model, String input, String output)
            throws IOException {
        StorageSettings storageSettings = a.spark().storage();
        Storage storage = new Storage(storageSettings);
        StorageCheck.reachable(storage, List.of(model, input, output));
        if (!output.toLowerCase().endsWith(".mp4")) {
            throw new ConfigError("--output " + output + ": the avatar writes MP4 (H.264); name it .mp4");
        }
        Path in = Storage.path(input);
        if (!storage.exists(in) || storage.fs(in).getFileStatus(in).isDirectory()) {
            throw new ConfigError("--input " + input + ": no such video file");
        }
        String runUri = ModelFolder.resolve(storage, model);
        TrainedGenerator g = TrainedGenerator.load(new RunStore(storage, runUri), GanInput.CONDITION_IMAGE, null);
        EtlSettings etl = a.datasetSettings(g.info(), Map.of());
        VideoConditions conditions = conditions(etl, s, storageSettings);
        File work = Files.createTempDirectory("self2face-avatar").toFile();
        try {
            File localIn = local(storage, in, work);
            File localOut = new File(work, "out.mp4");
            FileStatus st = storage.fs(in).getFileStatus(in);
            VideoInfo v;
            try {
                v = AvatarSegments.probe(localIn, input, Storage.fingerprint(st), st.getLen());
            } catch (IOException | RuntimeException e) {
                throw new ConfigError("--input " + input + ": not a video the avatar can read (" + e.getMessage()
                        + ")");
            }
            List<Segment> segments = AvatarSegments.split(v, s.segmentSeconds());
            AvatarVideo.Result r = segments.size() == 1
                    ? new AvatarVideo(g, conditions, s).process(localIn.getPath(), localOut.getPath())
                    : AvatarSegments.run(a.spark(), runUri, etl, storageSettings, s, v, segments, localIn, localOut, output,
                    work);
            AvatarSummary summary = AvatarSummary.of(model, input, output, s, r, segments.size());
            storage.upload(localOut, Storage.path(output)); // a killed copy leaves a _tmp- file, never a half video
            String base = output.replaceAll("\\.mp4$", "");
            storage.writeAtomically(Storage.path(base + ".frames.csv"), r.perFrame().getBytes(StandardCharsets.UTF_8));
            storage.writeAtomically(Storage.path(base + ".json"), Json.PRETTY.writeValueAsBytes(summary));
            return summary;
        } finally {
            FileUtil.fullyDelete(work);
        }
    }

    /**
     * Seconds for the video side alone (decode + encode) and for the whole avatar, on a local video, and where the
     * avatar's went by stage.
     */
    public record Timing(long frames, long faces, double passthroughSeconds, double avatarSeconds,
                         AvatarStages stages) {
        /** The two runs, then the avatar's stages: seconds, milliseconds per frame and share of its wall time. */
        public String table() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "| step | frames | seconds | frames/s | ms/frame | share |%n|---|---:|---:|---:|---:|---:|%n"));
            row(b, "decode + encode (reference)", passthroughSeconds, passthroughSeconds, frames);
            row(b, "avatar (paste), " + faces + " faces", avatarSeconds, avatarSeconds, frames);
            stages.seconds().forEach((stage, sec) -> row(b, "· " + stage.label(), sec, avatarSeconds, frames));
            return b.toString();
        }

        private static void row(StringBuilder b, String step, double seconds, double of, long frames) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.1f | %.1f | %.0f%% |%n", step, frames, seconds,
                    frames / seconds, 1000 * seconds / frames, 100 * seconds / of));
        }
    }

    /** {@code bench avatar}: the same video decoded and encoded only, then through the avatar, one after the other. */
    public static Timing bench(ApplySettings a, AvatarSettings s, String model, String video) throws IOException {
        StorageSettings storageSettings = a.spark().storage();
        Storage storage = new Storage(storageSettings);
        TrainedGenerator g = TrainedGenerator.load(new RunStore(storage, ModelFolder.resolve(storage, model)),
                GanInput.CONDITION_IMAGE, null);
        VideoConditions conditions = conditions(a.datasetSettings(g.info(), Map.of()), s,
                storageSettings);
        File work = Files.createTempDirectory("self2face-bench-avatar").toFile();
        try {
            AvatarVideo.Result plain = AvatarVideo.passthrough(s).process(video, new File(work, "plain.mp4").getPath());
            AvatarVideo.Result full = new AvatarVideo(g, conditions, s).process(video,
                    new File(work, "avatar.mp4").getPath());
            return new Timing(full.frames(), full.faces(), plain.wallSeconds(), full.wallSeconds(), full.stages());
        } finally {
            FileUtil.fullyDelete(work);
        }
    }

    /** The ETL's per-frame conditions with the run's dataset settings and the avatar's smoothing. */
    private static VideoConditions conditions(EtlSettings etl, AvatarSettings s, StorageSettings storageSettings)
            throws IOException {
        LandmarkModels.check(etl.landmarksModel(), storageSettings);
        return new VideoConditions(etl, storageSettings,
                new LandmarkSmoothing(s.smoothing(), s.minCutoff(), s.beta(), s.dCutoff()));
    }

    private static File local(Storage storage, Path in, File work) throws IOException {
        if ("file".equals(in.toUri().getScheme())) {
            return new File(in.toUri());
        }
        File copy = new File(work, "input-" + in.getName());
        FileUtil.copy(storage.fs(in), in, copy, false, storage.conf());
        return copy;
    }
}
