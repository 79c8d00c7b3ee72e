package dev.self2face.etl.identity;

import dev.self2face.etl.face.PackedFace;
import org.bytedeco.opencv.opencv_core.Mat;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Descriptors of aligned faces, in an executor: the faces of a partition go through face-api's recognition net in
 * batches (one forward pass per batch instead of one per face).
 */
public final class FaceDescriptions {
    private static final int BATCH = 16;

    /** An aligned face to describe: its id, video, time, perceptual hash and packed pixels. */
    public record Crop(String id, String sourceId, double tSec, long phash, byte[] packedFace)
            implements Serializable {
    }

    private FaceDescriptions() {
    }

    /** Every crop of {@code it}, described. */
    public static Iterator<IdentityFilter.Face> describe(Iterator<Crop> it, FaceDescriptorNet net) {
        List<IdentityFilter.Face> out = new ArrayList<>();
        List<Crop> batch = new ArrayList<>();
        while (it.hasNext()) {
            batch.add(it.next());
            if (batch.size() == BATCH || !it.hasNext()) {
                describeBatch(batch, net, out);
                batch.clear();
            }
        }
        return out.iterator();
    }

    private static void describeBatch(List<Crop> batch, FaceDescriptorNet net, List<IdentityFilter.Face> out) {
        List<Mat> faces = new ArrayList<>();
        try {
            for (Crop c : batch) {
                faces.add(PackedFace.unpack(c.packedFace()));
            }
            INDArray d = net.describe(faces);
            for (int i = 0; i < batch.size(); i++) {
                Crop c = batch.get(i);
                out.add(new IdentityFilter.Face(c.id(), c.sourceId(), c.tSec(), c.phash(),
                        d.getRow(i).toFloatVector()));
            }
        } finally {
            faces.forEach(Mat::close);
        }
    }
}
