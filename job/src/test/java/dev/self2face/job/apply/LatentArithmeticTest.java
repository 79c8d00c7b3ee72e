package dev.self2face.job.apply;

import dev.self2face.config.ConfigError;
import dev.self2face.job.model.LatentProjection;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arithmetic's groups and vector math, and the z.csv format, on numbers worked out by hand. */
class LatentArithmeticTest {
    @Test
    void groupsAreTheEndsOfTheMeasureAndBasesAreLowFacesOutsideB() {
        double[] m = {0.5, 0.1, 0.9, 0.2, 0.05, 0.7, 0.3, 0.15};
        LatentArithmetic.Groups g = LatentArithmetic.groups(m, 2, 2);
        assertEquals(List.of(2, 5), g.high(), "0.9, 0.7");
        assertEquals(List.of(4, 1), g.low(), "0.05, 0.1");
        assertEquals(List.of(7, 3), g.bases(), "0.15, 0.2: next above B");
        assertThrows(IllegalArgumentException.class, () -> LatentArithmetic.groups(m, 4, 1));
    }

    @Test
    void theResultIsMeanAMinusMeanBPlusC() {
        INDArray a = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.create(new double[][] {{0, 0}, {2, 2}});
        INDArray c = Nd4j.create(new double[][] {{10, 10}, {-1, 0}});
        INDArray r = LatentArithmetic.apply(a, b, c);
        assertEquals(Nd4j.create(new double[][] {{11, 12}, {0, 2}}), r, "mean A (2, 3) − mean B (1, 1) + C");
    }

    @Test
    void theNeighbourhoodIsTheResultInTheCentreAndSmallNoiseAround() {
        INDArray z = Nd4j.rand(DataType.FLOAT, 1, 100).subi(0.5);
        INDArray n = LatentArithmetic.neighbourhood(z, 0.25, 3);
        assertEquals(9, n.size(0));
        assertEquals(z.reshape(100), n.getRow(4), "the centre is the result");
        for (int i = 0; i < 9; i++) {
            double d = Transforms.abs(n.getRow(i).sub(z.reshape(100))).maxNumber().doubleValue();
            assertTrue(d <= 0.25 + 1e-6 && (i == 4 || d > 0.1), i + ": " + d);
        }
        INDArray edge = Nd4j.valueArrayOf(new long[] {1, 4}, 2.9f);
        assertTrue(LatentArithmetic.neighbourhood(edge, 0.25, 3).maxNumber().doubleValue()
                <= LatentProjection.CLIP + 1e-6, "clipped to the prior's range");
    }

    @Test
    void zCsvRoundTripsAndBadFilesNameThemselves() {
        INDArray z = Nd4j.create(new double[][] {{0.5, -1.25, 3}, {0, 1e-3, -2}}).castTo(DataType.FLOAT);
        byte[] csv = ZVectors.write(z, List.of("val 0", "a,b.jpg"), new double[] {0.4, 0.3},
                new double[] {0.2, 0.1});
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("face,label,error_start,error_end,z0,z1,z2\n0,val 0,0.400000,0.200000,"), text);
        assertTrue(text.contains("\n1,a b.jpg,"), "a comma in a label does not split the line");
        assertEquals(z, ZVectors.read(csv, "z.csv", 3));
        ConfigError wrongDim = assertThrows(ConfigError.class, () -> ZVectors.read(csv, "z.csv", 100));
        assertTrue(wrongDim.getMessage().contains("z.csv") && wrongDim.getMessage().contains("100"),
                wrongDim.getMessage());
        ConfigError notOurs = assertThrows(ConfigError.class,
                () -> ZVectors.read("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "other.csv", 3));
        assertTrue(notOurs.getMessage().contains("other.csv"), notOurs.getMessage());
    }
}
