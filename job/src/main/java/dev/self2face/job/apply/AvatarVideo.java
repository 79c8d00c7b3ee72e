package dev.self2face.job.apply;

import dev.self2face.etl.VideoConditions;
import dev.self2face.etl.video.FrameSampler;
import dev.self2face.etl.video.Segment;
import dev.self2face.etl.video.VideoDecoder;
import dev.self2face.etl.video.VideoInfo;
import dev.self2face.job.data.FaceTensors;
import dev.self2face.job.run.TrainedGenerator;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.findNonZero;
import static org.bytedeco.opencv.global.opencv_core.hconcat;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * One video through the avatar, frame by frame in time order: the ETL's alignment with smoothed landmarks
 * ({@link VideoConditions}), the generator, the paste, the layout; audio copied as it comes; every input frame gives
 * exactly one output frame at the input's frame rate (frames without a face pass through unchanged). H.264 in MP4,
 * AAC audio.
 */
final class AvatarVideo {
    private static final Logger LOG = LoggerFactory.getLogger("self2face.avatar");

    /** What a video gave; {@code perFrame}: frame,t,face,x,y,w,h (the face mask's box in the frame) lines. */
    record Result(long frames, long faces, double frameRate, int width, int height, double seconds,
                  boolean audio, TemporalStats.Totals stats, double wallSeconds, String perFrame,
                  AvatarStages stages)
            implements Serializable {
    }

    private final TrainedGenerator generator;
    private final VideoConditions conditions;
    private final AvatarSettings s;
    private long facesSeen;
    private final AvatarStages stages = new AvatarStages();
    private final StringBuilder perFrame = new StringBuilder("frame,t,face,x,y,w,h\n");

    /** Decode and encode only, with the same codecs and settings: the video side's own cost (bench avatar). */
    static AvatarVideo passthrough(AvatarSettings s) {
        return new AvatarVideo(null, null, new AvatarSettings(AvatarSettings.Layout.PASTE, false, 1, 0, 1, 0,
                s.seed(), 0, 0, 0));
    }

    AvatarVideo(TrainedGenerator generator, VideoConditions conditions, AvatarSettings s) {
        this.generator = generator;
        this.conditions = conditions;
        this.s = s;
    }

    Result process(String input, String output) throws IOException {
        long started = System.nanoTime();
        TemporalStats stats = new TemporalStats();
        OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat();
        OpenCVFrameConverter.ToMat fromMat = new OpenCVFrameConverter.ToMat();
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(input)) {
            in.start();
            int w = in.getImageWidth();
            int h = in.getImageHeight();
            double fps = in.getFrameRate();
            int panels = panels();
            boolean audio = in.getAudioChannels() > 0;
            long total = Math.max(1, in.getLengthInVideoFrames());
            long frames = 0;
            long lastReport = System.nanoTime();
            FrameClock clock = new FrameClock(fps);
            try (FFmpegFrameRecorder out = recorder(output, w * panels, h, fps,
                    audio ? in.getAudioChannels() : 0, in.getSampleRate(), false)) {
                out.start();
                Frame f;
                long mark = System.nanoTime();
                while ((f = in.grab()) != null) {
                    if (f.samples != null) {
                        mark = stages.add(AvatarStages.Stage.DECODE, mark);
                        if (audio) {
                            out.record(f);
                        }
                        mark = stages.add(AvatarStages.Stage.ENCODE, mark);
                        continue;
                    }
                    if (f.image == null) {
                        continue;
                    }
                    double t = f.timestamp / 1e6;
                    perFrame.append(frames).append(',').append(String.format(Locale.ROOT, "%.3f", t)).append(',');
                    try (Mat frame = toMat.convert(f).clone()) {
                        stages.add(AvatarStages.Stage.DECODE, mark);
                        try (Mat shown = frame(frame, t, stats, panels)) {
                            mark = System.nanoTime();
                            out.setTimestamp(clock.place(t));
                            out.record(fromMat.convert(shown));
                        }
                    }
                    mark = stages.add(AvatarStages.Stage.ENCODE, mark);
                    frames++;
                    if (s.progressSeconds() > 0 && System.nanoTime() - lastReport > s.progressSeconds() * 1e9) {
                        lastReport = System.nanoTime();
                        double rate = frames / ((lastReport - started) / 1e9);
                        LOG.info(String.format(Locale.ROOT,
                                "avatar: frame %d/%d (%.0f%%) · %.1f frames/s · ETA %.0fs", frames, total,
                                100.0 * frames / total, rate, Math.max(0, (total - frames) / rate)));
                    }
                }
                out.stop();
            }
            return new Result(frames, facesSeen, fps, w, h, clock.seconds(), audio, stats.totals(),
                    (System.nanoTime() - started) / 1e9, perFrame.toString(), stages);
        }
    }

    /**
     * The frames of {@code seg} (those with timestamps in [start, end)) through the avatar into a video of their own,
     * without audio, losslessly encoded (FFV1) for the join ({@link AvatarSegments}). The {@code warmupSec} before the
     * start are decoded and run through the landmark smoothing only, so the filter is in the state it would have
     * been in had the video been processed in one piece.
     */
    Result segment(File input, Segment seg, double warmupSec, String output) throws IOException {
        long started = System.nanoTime();
        TemporalStats stats = new TemporalStats();
        OpenCVFrameConverter.ToMat fromMat = new OpenCVFrameConverter.ToMat();
        VideoInfo v = seg.video();
        int panels = panels();
        Segment decoded = new Segment(v, seg.sourceId(), seg.index(), seg.count(),
                Math.max(0, seg.startSec() - warmupSec), seg.endSec());
        long[] frames = {0};
        try (VideoDecoder decoder = new VideoDecoder(input);
             FFmpegFrameRecorder out = recorder(output, v.width() * panels, v.height(), v.fps(), 0, 0, true)) {
            out.start();
            VideoDecoder.DecodeStats d = decoder.decode(decoded, new FrameSampler(0, 1 / v.fps()), (i, t, bgr) -> {
                if (t < seg.startSec()) {
                    if (conditions != null) {
                        conditions.next(bgr, t);
                    }
                    return;
                }
                // the frame's number within the segment; the join numbers the frames of the whole video
                perFrame.append(frames[0]).append(',').append(String.format(Locale.ROOT, "%.3f", t)).append(',');
                try (Mat frame = bgr.clone(); Mat shown = frame(frame, t, stats, panels)) {
                    out.record(fromMat.convert(shown));
                }
                frames[0]++;
            });
            if (d.error() != null) {
                throw new IOException("segment " + seg.index() + " of " + v.uri() + ": " + d.error());
            }
            out.stop();
        }
        return new Result(frames[0], facesSeen, v.fps(), v.width(), v.height(), frames[0] / v.fps(), false,
                stats.totals(), (System.nanoTime() - started) / 1e9, perFrame.toString(), stages);
    }

    private int panels() {
        return switch (s.layout()) {
            case PASTE -> 1;
            case SIDE_BY_SIDE -> 2;
            case TRIPTYCH -> 3;
        };
    }

    /**
     * An H.264 / MP4 recorder at the given size (made even) and rate, with AAC audio when {@code audioChannels}
     * > 0; {@code lossless}: FFV1 in Matroska on BGR pixels, for a video that is decoded and encoded again — exactly
     * the frames given, with no colour conversion (a lossless YUV 4:2:0 intermediate would still lose chroma).
     */
    static FFmpegFrameRecorder recorder(String output, int w, int h, double fps, int audioChannels, int sampleRate,
                                        boolean lossless) {
        FFmpegFrameRecorder out = new FFmpegFrameRecorder(output, even(w), even(h), audioChannels);
        out.setFrameRate(fps);
        if (lossless) {
            out.setFormat("matroska");
            out.setVideoCodec(avcodec.AV_CODEC_ID_FFV1);
            out.setPixelFormat(avutil.AV_PIX_FMT_BGR0);
        } else {
            out.setFormat("mp4");
            out.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            out.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            out.setVideoBitrate(Math.max(2_000_000, w * h * 8));
        }
        if (audioChannels > 0) {
            out.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            out.setSampleRate(sampleRate);
            out.setAudioBitrate(192_000);
        }
        return out;
    }

    /** One frame through the avatar, in the layout; the input Mat itself when there is no face in paste layout. */
    private Mat frame(Mat frame, double t, TemporalStats stats, int panels) {
        if (conditions == null) {
            perFrame.append("0,,,,\n");
            return new Mat(frame);
        }
        long mark = System.nanoTime();
        VideoConditions.Frame c = conditions.next(frame, t);
        mark = stages.add(AvatarStages.Stage.FACE, mark);
        if (!c.ok()) {
            stats.noFace();
            perFrame.append("0,,,,\n");
            return panels == 1 ? new Mat(frame) : layout(frame, null, frame, panels);
        }
        facesSeen++;
        int aligned = c.aligned().aligned().cols();
        try (Mat condition = c.condition(); Mat alignedFace = c.aligned().aligned();
             Mat face = generate(condition, aligned)) {
            mark = stages.add(AvatarStages.Stage.GENERATOR, mark);
            try (FacePaste.Pasted pasted = FacePaste.paste(frame, face, c.transform(), c.aligned().landmarks(),
                    s.feather())) {
                if (c.newFace()) {
                    stats.noFace(); // a cut: runs of the same face start again
                }
                stats.face(c.detected(), c.smoothed(), frame, pasted.frame(), pasted.mask());
                try (Mat points = new Mat()) {
                    findNonZero(pasted.mask(), points);
                    Rect box = points.empty() ? new Rect() : boundingRect(points);
                    perFrame.append("1,").append(box.x()).append(',').append(box.y()).append(',')
                            .append(box.width()).append(',').append(box.height()).append('\n');
                }
                Mat shown = panels == 1 ? pasted.frame().clone() : layout(frame, condition, pasted.frame(), panels);
                stages.add(AvatarStages.Stage.PASTE, mark);
                return shown;
            }
        }
    }

    /** G's face for a condition image, as a BGR Mat at the aligned size; the same dropout noise every frame. */
    private Mat generate(Mat condition, int alignedSize) {
        INDArray in = FaceTensors.images(List.of(condition), generator.info().size);
        Nd4j.getRandom().setSeed(s.seed());
        try (Mat small = FaceTensors.toMat(generator.generate(in), 0)) {
            Mat out = new Mat();
            resize(small, out, new Size(alignedSize, alignedSize), 0, 0, INTER_LINEAR);
            return out;
        }
    }

    /** input | output, or input | condition | output (the condition scaled to the frame's height, centred). */
    private static Mat layout(Mat input, Mat condition, Mat output, int panels) {
        int w = input.cols();
        int h = input.rows();
        try (MatVector row = new MatVector(); Mat middle = new Mat(h, w, CV_8UC3, new Scalar(0, 0, 0, 0))) {
            row.push_back(input);
            if (panels == 3) {
                if (condition != null) {
                    int side = Math.min(w, h);
                    try (Mat bgr = new Mat(); Mat scaled = new Mat()) {
                        cvtColor(condition, bgr, COLOR_GRAY2BGR);
                        resize(bgr, scaled, new Size(side, side), 0, 0,
                                side < condition.cols() ? INTER_AREA : INTER_LINEAR);
                        scaled.copyTo(middle.apply(new Rect((w - side) / 2, (h - side) / 2, side, side)));
                    }
                }
                row.push_back(middle);
            }
            row.push_back(output);
            Mat out = new Mat();
            hconcat(row, out);
            return out;
        }
    }

    private static int even(int v) {
        return v + (v & 1);
    }
}
