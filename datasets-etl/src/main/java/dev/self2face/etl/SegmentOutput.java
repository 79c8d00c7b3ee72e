package dev.self2face.etl;

import java.io.Serializable;
import java.util.Map;

/** What a segment task emits: candidate pairs, one stats record, and rejects. */
public sealed interface SegmentOutput extends Serializable {

    String sourceId();

    /**
     * An aligned face that passed detection and sharpness, {@link dev.self2face.etl.face.PackedFace packed};
     * duplicates are dropped later, across segments, and only the kept faces get their condition and PNGs.
     */
    record Candidate(String id, String sourceId, String sourceUri, String fingerprint, double tSec, long frameIndex,
                     int[] faceBox, double[] eyes, float[] landmarks, double sharpness, long phash, int size,
                     byte[] packedFace, String split) implements SegmentOutput {
    }

    /** Counts and timings of one segment. */
    record Stats(String sourceId, int segment, long framesDecoded, long framesSampled, long facesFound,
                 long candidates, Map<String, Long> dropped, double decodeSec, double alignSec, double packSec)
            implements SegmentOutput {
    }

    /** Something that could not be processed: becomes a row of the rejects table. */
    record Reject(String sourceId, String sourceUri, String stage, String reason) implements SegmentOutput {
    }
}
