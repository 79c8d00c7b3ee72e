package dev.self2face.etl.face;

/** How faces are aligned ({@code etl.aligner}). */
public enum AlignerKind {
    /** dlib's 68 landmarks (etl.landmarks-model): eye centres from points 36–47. */
    LANDMARKS,
    /** OpenCV eye cascades inside the face box. */
    EYES
}
