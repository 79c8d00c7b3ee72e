package dev.self2face.etl.face;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds the face in a frame and maps it to the canonical aligned square: eyes level, at fixed positions, fixed
 * inter-ocular distance. One implementation serves the ETL and, later, translate/avatar. Not thread-safe: one per
 * thread.
 */
public interface FaceAligner extends AutoCloseable {

    Alignment align(Mat bgrFrame);

    /**
     * Forget the face of the previous frames: the next {@link #align} searches the whole frame. Called at the start
     * of every tracking window, so results never depend on how a video was split into segments.
     */
    default void resetTracking() {
    }

    @Override
    void close();
}
