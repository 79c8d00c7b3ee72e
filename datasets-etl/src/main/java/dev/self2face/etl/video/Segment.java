package dev.self2face.etl.video;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A time range [startSec, endSec) of one video, decoded by one Spark task.
 *
 * @param index  position of the segment within its video
 * @param count  how many segments the video was split into
 */
public record Segment(VideoInfo video, String sourceId, int index, int count, double startSec, double endSec)
        implements Serializable {

    /** Splits a video into segments of at most {@code segmentSeconds}. */
    public static List<Segment> split(VideoInfo video, String sourceId, int segmentSeconds) {
        int n = Math.max(1, (int) Math.ceil(video.durationSec() / segmentSeconds));
        List<Segment> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double start = (double) i * segmentSeconds;
            // the last segment is open-ended: containers' durations are estimates, frames past them still count
            double end = i == n - 1 ? Double.POSITIVE_INFINITY : (double) (i + 1) * segmentSeconds;
            out.add(new Segment(video, sourceId, i, n, start, end));
        }
        return out;
    }
}
