package dev.self2face.job.apply;

/**
 * Puts each output frame at its input frame's own time, so a variable-frame-rate video keeps its timing (a frame
 * shown for half a second stays on screen for half a second, and the picture stays in step with the sound). The
 * encoder counts time in frames of {@code 1/fps} (its time base); a frame's slot is its timestamp, from the first
 * frame's, rounded to that grid and never on or before the previous frame's slot, so timestamps stay strictly
 * increasing. For a constant-rate video this numbers the frames 0, 1, 2, … as a plain frame count would.
 * (FFmpegFrameRecorder takes a timestamp per frame but maps it to the same grid without that guard.)
 */
final class FrameClock {
    private final double fps;
    private double origin = Double.NaN;
    private long next;

    FrameClock(double fps) {
        this.fps = fps;
    }

    /** The timestamp in microseconds to give the recorder for a frame shown at {@code seconds}. */
    long place(double seconds) {
        if (Double.isNaN(origin)) {
            origin = seconds;
        }
        long slot = Math.max(next, Math.round((seconds - origin) * fps));
        next = slot + 1;
        return Math.round(slot * 1e6 / fps);
    }

    /** The picture's duration so far: up to the end of the last frame placed. */
    double seconds() {
        return next / fps;
    }
}
