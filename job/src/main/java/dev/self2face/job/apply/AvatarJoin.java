package dev.self2face.job.apply;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Joins the segment videos of {@link AvatarSegments}, in order, into one H.264 / MP4 video at the input's frame rate,
 * with the input's audio (AAC) interleaved as it goes: after each video frame, the audio up to that frame's time.
 * The segments are lossless, so this is the video's only lossy encode, as in a one-piece run.
 */
final class AvatarJoin {
    /** What the joined video holds. */
    record Joined(long frames, double seconds, boolean audio) {
    }

    private AvatarJoin() {
    }

    /** @param times each frame's time in the input (seconds), in order: where it is put in the output */
    static Joined join(List<File> segments, List<Double> times, File input, File output, double fps)
            throws IOException {
        FrameClock clock = new FrameClock(fps);
        try (FFmpegFrameGrabber audioIn = new FFmpegFrameGrabber(input)) {
            audioIn.start();
            boolean audio = audioIn.getAudioChannels() > 0;
            int w;
            int h;
            try (FFmpegFrameGrabber first = new FFmpegFrameGrabber(segments.get(0))) {
                first.start();
                w = first.getImageWidth();
                h = first.getImageHeight();
            }
            long frames = 0;
            try (FFmpegFrameRecorder out = AvatarVideo.recorder(output.getPath(), w, h, fps,
                    audio ? audioIn.getAudioChannels() : 0, audioIn.getSampleRate(), false)) {
                out.start();
                Frame pending = audio ? audioIn.grabSamples() : null;
                for (File seg : segments) {
                    try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(seg)) {
                        in.start();
                        Frame f;
                        while ((f = in.grabImage()) != null) {
                            long at = clock.place(times.get((int) Math.min(frames, times.size() - 1)));
                            out.setTimestamp(at);
                            out.record(f);
                            frames++;
                            double until = at + 1e6 / fps;
                            while (pending != null && pending.timestamp < until) {
                                out.record(pending);
                                pending = audioIn.grabSamples();
                            }
                        }
                    }
                }
                while (pending != null) {
                    out.record(pending);
                    pending = audioIn.grabSamples();
                }
                out.stop();
            }
            return new Joined(frames, clock.seconds(), audio);
        }
    }
}
