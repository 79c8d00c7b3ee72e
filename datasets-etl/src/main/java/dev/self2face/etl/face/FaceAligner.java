package dev.self2face.etl.face;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds the face in a frame and maps it to the canonical aligned square: eyes level, at fixed positions, fixed
 * inter-ocular distance. One implementation serves the ETL and, later, translate/avatar. Not thread-safe: one per
 * thread.
 */
public interface FaceAligner extends AutoCloseable {

    Alignment align(Mat bgrFrame);

    @Override
    void close();
}
