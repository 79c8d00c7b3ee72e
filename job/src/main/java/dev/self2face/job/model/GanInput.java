package dev.self2face.job.model;

/** What a model's generator takes: what the commands that use a trained model must give it. */
public enum GanInput {
    /** z ~ N(0, 1) of length {@code model.<kind>.z-dim}. */
    NOISE,
    /** An image of the dataset's condition kind (landmark sketch or edges), the size of the faces. */
    CONDITION_IMAGE,
    /** A vector of attribute values. */
    LABELS
}
