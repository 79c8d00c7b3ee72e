package dev.self2face.etl.video;

import java.io.Serializable;

/**
 * Decides which decoded frames are kept. A frame at time t is kept when it is the first frame at or after a
 * multiple of the sampling interval; the decision looks only at t and the nominal frame duration, so it is the same
 * whether a video is decoded in one piece or in many segments.
 */
public final class FrameSampler implements Serializable {
    private final double intervalSec;
    private final double frameDurationSec;

    public FrameSampler(double intervalSec, double frameDurationSec) {
        this.intervalSec = intervalSec;
        this.frameDurationSec = frameDurationSec;
    }

    /**
     * The interval that lands a run with {@code totalFrames} frames over {@code totalSec} seconds near
     * {@code targetPairs} kept frames, never closer than {@code minGapMs}.
     */
    public static double intervalFor(double totalSec, int targetPairs, int minGapMs) {
        return Math.max(totalSec / targetPairs, minGapMs / 1000.0);
    }

    public boolean keep(double tSec) {
        if (intervalSec <= frameDurationSec) {
            return true;
        }
        // half a frame of slack absorbs timestamp jitter in variable-rate containers
        long bucket = (long) Math.floor((tSec + 1e-6) / intervalSec);
        long previous = (long) Math.floor((tSec - frameDurationSec + 1e-6) / intervalSec);
        return bucket != previous;
    }

    public double intervalSec() {
        return intervalSec;
    }
}
