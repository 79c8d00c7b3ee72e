package dev.self2face.etl;

import dev.self2face.etl.dataset.PairRows;
import dev.self2face.etl.face.Alignment;
import dev.self2face.etl.face.ConditionRenderer;
import dev.self2face.etl.face.PackedFace;
import dev.self2face.etl.face.Png;
import org.apache.spark.sql.Row;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.Serializable;

/**
 * Turns a kept candidate into its dataset row: unpacks the aligned face, renders its condition (from the stored
 * landmarks, or the face's edges) and encodes both as PNG. Runs in the write stage, so faces dropped as
 * near-duplicates are never rendered or encoded.
 */
final class PairEncoder implements Serializable {
    private final EtlSettings etl;
    private transient ConditionRenderer renderer;

    PairEncoder(EtlSettings etl) {
        this.etl = etl;
    }

    /** The row of {@code c}, with its descriptor (null without the identity stage) and split. */
    Row row(SegmentOutput.Candidate c, float[] descriptor, String split) {
        if (renderer == null) {
            renderer = ConditionRenderer.of(etl.condition(), etl.cannyLow(), etl.cannyHigh());
        }
        try (Mat face = PackedFace.unpack(c.packedFace());
             Mat condition = renderer.render(new Alignment(null, c.faceBox(), c.eyes(), face, c.landmarks()))) {
            return PairRows.pair(c.id(), c.sourceId(), c.sourceUri(), c.fingerprint(), c.tSec(), c.frameIndex(),
                    c.faceBox(), c.eyes(), c.landmarks(), descriptor, c.sharpness(), c.phash(), c.size(),
                    Png.encode(condition), Png.encode(face), split);
        }
    }
}
