package dev.self2face.job.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.self2face.config.ConfigLoader;
import dev.self2face.job.cli.Main;
import dev.self2face.job.train.MegamindDataset;
import dev.self2face.testing.Media;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The avatar on a real clip — the first 6.5 s of the sample video (Megamind.avi, 23.976 fps, with its audio), cut
 * with JavaCV: faces in most frames, none in a few (frames 0, 115–118, 125), and cuts between the two characters —
 * with a pix2pix run trained briefly on the video's pairs: the output keeps every frame, the frame rate, the duration
 * and an audio stream; in paste mode only the face region changes and frames without a face pass through; smoothing
 * lowers landmark jitter and flicker against smoothing off; the triptych is three frames wide.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvatarTest {
    static final ObjectMapper JSON = new ObjectMapper();
    Path dir;
    Path run;
    Path clip;
    JsonNode smoothed;
    JsonNode raw;

    @BeforeAll
    void trainAndDrive() throws Exception {
        dir = Files.createTempDirectory("avatar");
        run = dir.resolve("run");
        assertEquals(0, cli(MegamindDataset.trainSmall("pix2pix", run.toString(), 30, 8)), "the run trains");
        clip = dir.resolve("clip.mkv");
        cut(Media.megamind().toPath(), clip, 6.5);
        assertEquals(0, cli("avatar", "--model", run.toString(), "--input", clip.toString(),
                "--output", dir.resolve("smoothed.mp4").toString()));
        assertEquals(0, cli("avatar", "--model", run.toString(), "--input", clip.toString(),
                "--output", dir.resolve("raw.mp4").toString(), "--no-smoothing"));
        smoothed = JSON.readTree(dir.resolve("smoothed.json").toFile());
        raw = JSON.readTree(dir.resolve("raw.json").toFile());
    }

    /** The first {@code seconds} of a video, video and audio, as near-lossless MPEG-4 + AAC in Matroska. */
    static void cut(Path from, Path to, double seconds) throws Exception {
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(from.toFile())) {
            in.start();
            try (FFmpegFrameRecorder out = new FFmpegFrameRecorder(to.toFile(), in.getImageWidth(),
                    in.getImageHeight(), in.getAudioChannels())) {
                out.setFormat("matroska");
                out.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                out.setVideoQuality(1);
                out.setFrameRate(in.getFrameRate());
                out.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                out.setSampleRate(in.getSampleRate());
                out.start();
                Frame f;
                while ((f = in.grab()) != null) {
                    if (f.timestamp >= seconds * 1e6) {
                        if (f.image != null) {
                            break; // the video's end; audio that runs ahead of it is left out
                        }
                        continue;
                    }
                    out.record(f);
                }
            }
        }
    }

    static int cli(String... args) {
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(err, true), args);
        assertEquals(0, rc, err.toString());
        return rc;
    }

    /**
     * bench avatar: the video side alone, then the avatar on the same clip, with the avatar's wall time split into
     * its five stages, which account for nearly all of it (only the per-frame bookkeeping between them is left out).
     */
    @Test
    void benchAvatarSplitsTheAvatarsTimeIntoItsStages() throws Exception {
        com.typesafe.config.Config c = ConfigLoader.load(List.of(), List.of("avatar.progress-seconds=0"));
        AvatarRun.Timing t = AvatarRun.bench(ApplySettings.from(c), AvatarSettings.from(c), run.toString(),
                clip.toString());
        assertEquals(smoothed.get("frames").asLong(), t.frames(), "every frame of the clip");
        assertEquals(smoothed.get("frames_with_face").asLong(), t.faces(), "the same faces as the avatar command found");
        assertTrue(t.passthroughSeconds() > 0 && t.passthroughSeconds() < t.avatarSeconds(), t.table());
        assertEquals(List.of(AvatarStages.Stage.values()), List.copyOf(t.stages().seconds().keySet()), t.table());
        double stages = t.stages().seconds().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(stages <= t.avatarSeconds() && stages > 0.8 * t.avatarSeconds(),
                "stages " + stages + " s of " + t.avatarSeconds() + " s\n" + t.table());
        for (AvatarStages.Stage stage : AvatarStages.Stage.values()) {
            assertTrue(t.table().contains("| · " + stage.label() + " | " + t.frames() + " | "), t.table());
        }
    }

    @Test
    void theOutputHasTheInputsFramesRateDurationAndAudio() throws Exception {
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(clip.toFile());
             FFmpegFrameGrabber out = new FFmpegFrameGrabber(dir.resolve("smoothed.mp4").toFile())) {
            in.start();
            out.start();
            long inFrames = countImages(in);
            long outFrames = countImages(out);
            assertEquals(inFrames, outFrames);
            assertEquals(inFrames, smoothed.get("frames").asLong(), smoothed.toString());
            assertEquals(in.getFrameRate(), out.getFrameRate(), 0.01);
            assertEquals(in.getImageWidth(), out.getImageWidth());
            assertEquals(in.getImageHeight(), out.getImageHeight());
            assertTrue(out.getAudioChannels() > 0, "an audio stream");
        }
        // the same duration: as many frames at the same rate, and the sound ends where the input's does
        assertEquals(lastAudioSecond(clip), lastAudioSecond(dir.resolve("smoothed.mp4")), 0.15);
        assertTrue(inFramesOf(clip) > 150, "the clip holds 6.5 s");
        assertTrue(smoothed.get("frames_with_face").asLong() > 130, smoothed.toString());
        assertTrue(smoothed.get("frames_passed_through").asLong() > 0, "Megamind.avi has frames without a face");
    }

    @Test
    void pasteChangesOnlyTheFaceAndPassesFramesWithoutOne() throws Exception {
        List<String> rows = Files.readAllLines(dir.resolve("smoothed.frames.csv"));
        OpenCVFrameConverter.ToMat a = new OpenCVFrameConverter.ToMat();
        OpenCVFrameConverter.ToMat b = new OpenCVFrameConverter.ToMat();
        double noFace = 0;
        double outside = 0;
        double inside = 0;
        int nNoFace = 0;
        int nFace = 0;
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(clip.toFile());
             FFmpegFrameGrabber out = new FFmpegFrameGrabber(dir.resolve("smoothed.mp4").toFile())) {
            in.start();
            out.start();
            for (int i = 1; i < rows.size(); i++) {
                String[] r = rows.get(i).split(",", -1);
                try (Mat x = a.convert(in.grabImage()).clone(); Mat y = b.convert(out.grabImage()).clone();
                     Mat d = new Mat()) {
                    absdiff(x, y, d);
                    if (r[2].equals("0")) {
                        noFace += grey(mean(d));
                        nNoFace++;
                        continue;
                    }
                    Rect box = new Rect(Integer.parseInt(r[3]), Integer.parseInt(r[4]), Integer.parseInt(r[5]),
                            Integer.parseInt(r[6]));
                    try (Mat in2 = new Mat(d, box)) {
                        inside += grey(mean(in2));
                    }
                    outside += meanOutside(d, box, 6);
                    nFace++;
                }
            }
        }
        assertTrue(nNoFace > 0 && nFace > 130, nNoFace + " / " + nFace);
        assertTrue(noFace / nNoFace < 3, "frames without a face: only the codec's change: " + noFace / nNoFace);
        assertTrue(outside / nFace < 3, "outside the face: only the codec's change: " + outside / nFace);
        assertTrue(inside / nFace > 8, "inside the face: the generated face: " + inside / nFace);
    }

    @Test
    void smoothingLowersJitterAndFlicker() {
        double detected = smoothed.get("landmark_jitter_detected_px").asDouble();
        double kept = smoothed.get("landmark_jitter_px").asDouble();
        assertEquals(detected, raw.get("landmark_jitter_detected_px").asDouble(), 1e-9, "the same detections");
        assertEquals(raw.get("landmark_jitter_px").asDouble(), detected, 1e-9, "off: as detected");
        assertTrue(kept < 0.6 * detected, "jitter " + kept + " vs " + detected);
        assertTrue(smoothed.get("flicker").asDouble() < raw.get("flicker").asDouble(),
                "flicker " + smoothed.get("flicker") + " vs " + raw.get("flicker"));
    }

    @Test
    void theTriptychIsThreeFramesWide() throws Exception {
        Path triptych = dir.resolve("triptych.mp4");
        assertEquals(0, cli("avatar", "--model", run.toString(), "--input", clip.toString(),
                "--output", triptych.toString(), "--layout", "triptych"));
        try (FFmpegFrameGrabber out = new FFmpegFrameGrabber(triptych.toFile())) {
            out.start();
            assertEquals(3 * 720, out.getImageWidth());
            assertEquals(528, out.getImageHeight());
        }
    }

    @Test
    void aLongVideoRunsAsSegmentsOnSparkJoinedInOrder() throws Exception {
        Path joined = dir.resolve("segments.mp4");
        assertEquals(0, cli("avatar", "--model", run.toString(), "--input", clip.toString(),
                "--output", joined.toString(), "--set", "avatar.segment-seconds=2", "--set", "spark.master=local[2]",
                "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        JsonNode j = JSON.readTree(dir.resolve("segments.json").toFile());
        assertEquals(4, j.get("segments").asInt(), "6.5 s in 2 s segments");
        assertEquals(smoothed.get("frames").asLong(), j.get("frames").asLong(), "every frame once");
        assertEquals(inFramesOf(clip), inFramesOf(joined));
        assertEquals(lastAudioSecond(clip), lastAudioSecond(joined), 0.15);
        List<String> rows = Files.readAllLines(dir.resolve("segments.frames.csv"));
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(String.valueOf(i - 1), rows.get(i).split(",")[0], "frames in order");
        }
        assertEquals(smoothed.get("frames_with_face").asLong(), j.get("frames_with_face").asLong(), 2);
        // the same frames as the one-piece run: the warm-up puts the landmark filter where it would have been
        OpenCVFrameConverter.ToMat a = new OpenCVFrameConverter.ToMat();
        OpenCVFrameConverter.ToMat b = new OpenCVFrameConverter.ToMat();
        double diff = 0;
        long n = 0;
        try (FFmpegFrameGrabber one = new FFmpegFrameGrabber(dir.resolve("smoothed.mp4").toFile());
             FFmpegFrameGrabber seg = new FFmpegFrameGrabber(joined.toFile())) {
            one.start();
            seg.start();
            Frame f;
            while ((f = one.grabImage()) != null) {
                try (Mat x = a.convert(f).clone(); Mat y = b.convert(seg.grabImage()).clone(); Mat d = new Mat()) {
                    absdiff(x, y, d);
                    diff += grey(mean(d));
                    n++;
                }
            }
        }
        assertTrue(diff / n < 1.5, "mean difference from the one-piece output: " + diff / n);
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().startsWith("_tmp-")),
                "the staging folder is gone");
    }

    @Test
    void aVariableFrameRateVideoKeepsEveryFramesTime() throws Exception {
        // 60 of the clip's frames, held alternately 40 ms and 200 ms: 7.2 s of picture at a nominal 25 frames/s
        Path vfr = dir.resolve("vfr.mkv");
        List<Long> in = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile())) {
            g.start();
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(vfr.toFile(), g.getImageWidth(), g.getImageHeight(),
                    0)) {
                r.setFormat("matroska");
                r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                r.setVideoQuality(1);
                r.setFrameRate(25);
                r.start();
                long t = 0;
                for (int i = 0; i < 60; i++) {
                    r.setTimestamp(t);
                    r.record(g.grabImage());
                    t += i % 2 == 0 ? 40_000 : 200_000;
                }
            }
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(vfr.toFile())) {
            in.addAll(imageTimes(g));
        }
        assertEquals(60, in.size());
        assertEquals(7.04, (in.get(59) - in.get(0)) / 1e6, 0.05, "a variable-rate input: " + in);
        for (String how : List.of("one-piece", "segments")) {
            Path out = dir.resolve("vfr-" + how + ".mp4");
            List<String> args = new ArrayList<>(List.of("avatar", "--model", run.toString(), "--input",
                    vfr.toString(), "--output", out.toString()));
            if (how.equals("segments")) {
                args.addAll(List.of("--set", "avatar.segment-seconds=3", "--set", "spark.master=local[2]",
                        "--set", "spark.conf.\"spark.ui.enabled\"=false"));
            }
            cli(args.toArray(String[]::new));
            List<Long> got;
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
                got = imageTimes(g);
            }
            assertEquals(in.size(), got.size(), how);
            for (int i = 0; i < in.size(); i++) {
                // each frame where the input showed it (the encoder's grid is 1/25 s)
                assertEquals((in.get(i) - in.get(0)) / 1e6, (got.get(i) - got.get(0)) / 1e6, 0.021,
                        how + " frame " + i + ": " + got);
            }
        }
    }

    static List<Long> imageTimes(FFmpegFrameGrabber g) throws Exception {
        g.start();
        List<Long> out = new ArrayList<>();
        Frame f;
        while ((f = g.grabImage()) != null) {
            out.add(f.timestamp);
        }
        return out;
    }

    static double lastAudioSecond(Path video) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            double last = 0;
            Frame f;
            while ((f = g.grabSamples()) != null) {
                last = Math.max(last, f.timestamp / 1e6);
            }
            return last;
        }
    }

    static long inFramesOf(Path video) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            return countImages(g);
        }
    }

    static long countImages(FFmpegFrameGrabber g) throws Exception {
        long n = 0;
        Frame f;
        while ((f = g.grabImage()) != null) {
            n += f.image != null ? 1 : 0;
        }
        return n;
    }

    static double grey(Scalar s) {
        return (s.get(0) + s.get(1) + s.get(2)) / 3;
    }

    /** The mean difference outside the box grown by {@code margin} pixels (the codec's blocks bleed a little). */
    static double meanOutside(Mat d, Rect box, int margin) {
        int x0 = Math.max(0, box.x() - margin);
        int y0 = Math.max(0, box.y() - margin);
        int x1 = Math.min(d.cols(), box.x() + box.width() + margin);
        int y1 = Math.min(d.rows(), box.y() + box.height() + margin);
        double total = grey(mean(d)) * d.total();
        try (Mat inner = new Mat(d, new Rect(x0, y0, x1 - x0, y1 - y0))) {
            double in = grey(mean(inner)) * inner.total();
            return (total - in) / (d.total() - inner.total());
        }
    }
}
