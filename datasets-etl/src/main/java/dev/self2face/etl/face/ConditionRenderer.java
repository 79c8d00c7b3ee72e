package dev.self2face.etl.face;

import org.bytedeco.opencv.opencv_core.Mat;

/** Makes the pix2pix condition image from an aligned face ({@code etl.condition}). */
public interface ConditionRenderer {

    /** A condition image of the aligned face's size; owned by the caller. */
    Mat render(Alignment alignment);

    static ConditionRenderer of(ConditionKind kind, int cannyLow, int cannyHigh) {
        return switch (kind) {
            case EDGES -> new EdgeCondition(cannyLow, cannyHigh);
            case LANDMARKS -> new LandmarkSketch();
        };
    }
}
