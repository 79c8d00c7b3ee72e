package dev.self2face.job.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Mirrored pairs ({@code training.flip}): each pair of a minibatch, with probability 1/2, mirrored left to right —
 * the face and its condition image together. The condition is mirrored as an image: the landmark sketch draws every
 * part in one white line style, so the mirrored sketch is the sketch of the mirrored landmarks (left and right
 * points swapped), without going back to the landmarks; an edge-map condition mirrors the same way. Aligned faces
 * are centred between the eyes, so a mirrored face is aligned too. Which pairs are mirrored depends on (seed, step)
 * only, so local and Spark training, and a resumed run, mirror the same pairs; ND4J's generator is not drawn from.
 */
public final class Mirror {
    private static final long SALT = 0x6d6972726f72L;

    private Mirror() {
    }

    /** {@code b} with about half its pairs mirrored, the choice a function of (seed, step). */
    public static Batch randomly(Batch b, long seed, long step) {
        SplittableRandom r = new SplittableRandom(Seeds.step(seed, step) ^ SALT);
        boolean[] flip = new boolean[b.size()];
        for (int i = 0; i < flip.length; i++) {
            flip[i] = r.nextBoolean();
        }
        return new Batch(b.condition() == null ? null : mirror(b.condition(), flip), mirror(b.image(), flip),
                b.labels());
    }

    /** Images [n, c, h, w] with those marked reversed along the width. */
    static INDArray mirror(INDArray images, boolean[] flip) {
        long[] shape = images.shape();
        int w = (int) shape[3];
        float[] v = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int perImage = v.length / flip.length;
        for (int i = 0; i < flip.length; i++) {
            if (!flip[i]) {
                continue;
            }
            for (int row = i * perImage; row < (i + 1) * perImage; row += w) {
                for (int a = row, z = row + w - 1; a < z; a++, z--) {
                    float t = v[a];
                    v[a] = v[z];
                    v[z] = t;
                }
            }
        }
        return Nd4j.create(v, shape, 'c').castTo(images.dataType());
    }
}
