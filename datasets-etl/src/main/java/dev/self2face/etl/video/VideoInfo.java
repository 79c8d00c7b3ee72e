package dev.self2face.etl.video;

import java.io.Serializable;

/**
 * What probing a video found.
 *
 * @param uri         where the video lies (local path, file://, s3a://, hdfs://)
 * @param fingerprint size + modification time (+ ETag where the store has one): a changed file gets a new one
 * @param durationSec the container's duration
 */
public record VideoInfo(String uri, String fingerprint, long sizeBytes, double durationSec, double fps,
                        int width, int height, String codec) implements Serializable {

    public double frameDurationSec() {
        return 1.0 / fps;
    }

    public long estimatedFrames() {
        return Math.round(durationSec * fps);
    }
}
