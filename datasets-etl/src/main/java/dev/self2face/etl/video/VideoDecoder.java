package dev.self2face.etl.video;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.File;
import java.io.IOException;

/** Opens a local video file with FFmpeg (JavaCV): probing, and decoding one time segment. Nothing about faces. */
public final class VideoDecoder implements AutoCloseable {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    /** Receives the decoded frames of a segment; the Mat is only valid during the call. */
    public interface FrameSink {
        /** @param frameIndex index of the frame from the start of the video, from its timestamp */
        void frame(long frameIndex, double tSec, Mat bgr) throws IOException;
    }

    /** What decoding a segment saw. */
    public record DecodeStats(long framesDecoded, boolean endedEarly, String error) {
    }

    private final FFmpegFrameGrabber grabber;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();

    public VideoDecoder(File file) throws IOException {
        if (!file.isFile()) {
            throw new IOException("no such file");
        }
        if (file.length() == 0) {
            throw new IOException("empty file (0 bytes)");
        }
        grabber = new FFmpegFrameGrabber(file);
        grabber.setVideoOption("threads", "1"); // one decoding thread per task: Spark gives each task its core
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            close();
            throw new IOException("FFmpeg cannot open it: " + e.getMessage(), e);
        }
    }

    /** Reads duration, frame rate and resolution; throws when the file is not a usable video. */
    public VideoInfo probe(String uri, String fingerprint, long sizeBytes) throws IOException {
        double fps = grabber.getVideoFrameRate();
        double duration = grabber.getLengthInTime() / 1e6;
        int w = grabber.getImageWidth();
        int h = grabber.getImageHeight();
        if (!grabber.hasVideo() || w <= 0 || h <= 0) {
            throw new IOException("not a video: no video stream");
        }
        if (!(fps > 0) || !(duration > 0) || grabber.getLengthInVideoFrames() <= 1) {
            throw new IOException("not a video: a still image or a stream without duration (fps=" + fps
                    + ", duration=" + duration + " s)");
        }
        // an index-less container cut short (e.g. a truncated AVI) reports the duration of what is left, while its
        // header still declares every frame: take the header's word, so the missing part shows up as truncated
        long declaredFrames = grabber.getFormatContext().streams(grabber.getVideoStream()).nb_frames();
        if (declaredFrames > 0 && declaredFrames / fps > duration + 1.0) {
            duration = declaredFrames / fps;
        }
        String codec = grabber.getVideoCodecName();
        if (codec == null) {
            codec = org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name(grabber.getVideoCodec()).getString();
        }
        return new VideoInfo(uri, fingerprint, sizeBytes, duration, fps, w, h, codec);
    }

    /**
     * Decodes the frames of the segment, those whose timestamps lie in [startSec, endSec), and hands those that {@code keep} accepts to
     * the sink (only those are converted to a Mat). Seeks to just before the start, so the task decodes only its
     * segment (plus the group of pictures it lands in).
     */
    public DecodeStats decode(Segment seg, FrameSampler sampler, FrameSink sink) throws IOException {
        double startSec = seg.startSec();
        double endSec = seg.endSec();
        double fps = seg.video().fps();
        long decoded = 0;
        double frameDuration = 1.0 / fps;
        double lastT = startSec;
        // lastT: time of the last frame seen (before or inside the segment)
        try {
            if (startSec > 0) {
                grabber.setTimestamp(Math.max(0, Math.round((startSec - 2 * frameDuration) * 1e6)));
            }
            Frame f;
            // YUV -> BGR conversion costs as much as decoding, so only frames the sampler keeps are converted.
            // The decision is made before grabbing, from the previous frame's time + one frame; only a session's
            // first frame (no predecessor) is converted regardless and judged by its own time.
            boolean first = true;
            boolean keepNext = true;
            while ((f = grabber.grabFrame(false, true, keepNext, false, false)) != null) {
                if (f.image == null) {
                    continue;
                }
                double t = f.timestamp / 1e6;
                if (!first && t <= lastT) {
                    // frames flushed from the decoder at the end (e.g. packed B-frames) come without a timestamp
                    t = lastT + frameDuration;
                }
                boolean keep = first ? sampler.keep(t) : keepNext;
                first = false;
                lastT = t;
                double predicted = t + frameDuration;
                keepNext = sampler.keep(predicted);
                if (t >= endSec) {
                    break;
                }
                if (t < startSec) {
                    continue;
                }
                decoded++;
                if (keep) {
                    Mat mat = converter.convert(f);
                    sink.frame(Math.round(t * fps), t, mat);
                }
            }
            // the stream ended well before the segment (or the container's duration) says it should
            double expectedEnd = Math.min(endSec, seg.video().durationSec());
            boolean endedEarly = f == null && lastT + Math.max(1.0, 3 * frameDuration) < expectedEnd;
            return new DecodeStats(decoded, endedEarly, null);
        } catch (FrameGrabber.Exception e) {
            return new DecodeStats(decoded, true, "decode error at frame " + decoded + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception ignored) {
            // closing a grabber that failed to start
        }
    }
}
