package dev.self2face.etl.face;

/** What the pix2pix condition image is made of ({@code etl.condition}). */
public enum ConditionKind {
    /** Canny edges of the aligned face, white on black. */
    EDGES
}
