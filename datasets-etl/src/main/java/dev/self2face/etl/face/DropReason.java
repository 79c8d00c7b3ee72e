package dev.self2face.etl.face;

/** Why a sampled frame did not become a pair; counted per video in the manifest. */
public enum DropReason {
    NO_FACE("no-face"),
    FACE_TOO_SMALL("face-too-small"),
    NO_EYES("no-eyes"),
    BLURRY("blurry"),
    DUPLICATE("duplicate");

    public final String key;

    DropReason(String key) {
        this.key = key;
    }
}
