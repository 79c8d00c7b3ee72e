package dev.self2face.etl.face;

/** What the pix2pix condition image is made of ({@code etl.condition}). */
public enum ConditionKind {
    /** The 68 landmarks drawn as white polylines on black (needs {@code etl.aligner = landmarks}). */
    LANDMARKS,
    /** Canny edges of the aligned face, white on black. */
    EDGES
}
