package dev.self2face.job.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mirrored pairs: face and condition mirrored together, about half of them, the same for the same (seed, step). */
class MirrorTest {
    @Test
    void mirrorsFaceAndConditionTogetherAndReproducibly() {
        Nd4j.getRandom().setSeed(1);
        INDArray faces = Nd4j.rand(DataType.FLOAT, 64, 3, 8, 8);
        INDArray conditions = Nd4j.rand(DataType.FLOAT, 64, 3, 8, 8);
        Batch b = new Batch(conditions, faces);
        long before = Nd4j.getRandom().nextLong();
        Nd4j.getRandom().setSeed(1);
        Nd4j.rand(DataType.FLOAT, 64, 3, 8, 8);
        Nd4j.rand(DataType.FLOAT, 64, 3, 8, 8);
        Batch m = Mirror.randomly(b, 42, 7);
        assertEquals(before, Nd4j.getRandom().nextLong(), "ND4J's generator is not drawn from");
        int mirrored = 0;
        for (int i = 0; i < 64; i++) {
            INDArray reversed = reversedWidth(faces.slice(i));
            boolean isMirrored = m.image().slice(i).equals(reversed);
            boolean same = m.image().slice(i).equals(faces.slice(i));
            assertTrue(isMirrored ^ same, "pair " + i + " is either mirrored or as it was");
            assertEquals(isMirrored, m.condition().slice(i).equals(reversedWidth(conditions.slice(i))),
                    "pair " + i + ": the condition goes with its face");
            mirrored += isMirrored ? 1 : 0;
        }
        assertTrue(mirrored > 20 && mirrored < 44, "about half mirrored: " + mirrored);
        assertEquals(m.image(), Mirror.randomly(b, 42, 7).image(), "same (seed, step), same pairs");
        assertNotEquals(m.image(), Mirror.randomly(b, 42, 8).image(), "another step, other pairs");
    }

    /** Image [c, h, w] reversed along the width, element by element. */
    private static INDArray reversedWidth(INDArray img) {
        INDArray out = img.dup();
        long w = img.size(2);
        for (long c = 0; c < img.size(0); c++) {
            for (long y = 0; y < img.size(1); y++) {
                for (long x = 0; x < w; x++) {
                    out.putScalar(new long[] {c, y, x}, img.getDouble(c, y, w - 1 - x));
                }
            }
        }
        return out;
    }
}
