package dev.self2face.job.model.layers;

import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.GanGraphs;
import dev.self2face.job.model.GanLoss;
import dev.self2face.job.model.ModelRegistry;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.model.SmallData;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differentiable augmentation: its backward pass is the derivative of its forward pass (checked against central
 * differences in double precision), it changes what D sees in training and nothing at inference, the transforms do
 * what the paper says, and a model without it is built exactly as before (no layer, same parameters).
 */
class DiffAugmentTest {
    private static DiffAugmentLayer layer(boolean colour, boolean translation, boolean cutout, int colourFrom) {
        NeuralNetConfiguration conf = new NeuralNetConfiguration();
        conf.setLayer(new DiffAugment("d_augment", colour, translation, cutout, colourFrom));
        return (DiffAugmentLayer) conf.getLayer().instantiate(conf, List.of(), 0, null, false, DataType.DOUBLE);
    }

    @Test
    void backwardIsTheDerivativeOfForward() {
        Nd4j.getRandom().setSeed(3);
        for (int colourFrom : new int[] {0, 3}) {
            DiffAugmentLayer l = layer(true, true, true, colourFrom);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3 + colourFrom, 16, 16).muli(2).subi(1);
            DiffAugmentLayer.Draw d = l.draw(2, 16, Nd4j.getRandom());
            INDArray weights = Nd4j.rand(DataType.DOUBLE, x.shape());
            // the loss sum(w · augment(x)); its gradient by the layer's backward pass ...
            INDArray analytic = l.backward(weights, d);
            // ... against central differences at 40 random elements
            double eps = 1e-6;
            double worst = 0;
            java.util.Random pick = new java.util.Random(1);
            for (int k = 0; k < 40; k++) {
                long i = pick.nextInt((int) x.length());
                double v = x.getDouble(i);
                x.putScalar(i, v + eps);
                double up = l.forward(x, d).mul(weights).sumNumber().doubleValue();
                x.putScalar(i, v - eps);
                double down = l.forward(x, d).mul(weights).sumNumber().doubleValue();
                x.putScalar(i, v);
                worst = Math.max(worst, Math.abs((up - down) / (2 * eps) - analytic.getDouble(i)));
            }
            assertTrue(worst < 1e-6, "largest gradient error " + worst + " (colour from channel " + colourFrom + ")");
        }
    }

    @Test
    void transformsDoWhatThePaperSays() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 3, 32, 32).muli(2).subi(1);
        // cutout zeroes a square of half the side (16x16 = 256 pixels per channel, fewer at the border)
        DiffAugmentLayer cut = layer(false, false, true, 0);
        INDArray out = cut.forward(x, cut.draw(8, 32, Nd4j.getRandom()));
        for (int i = 0; i < 8; i++) {
            long zeros = out.slice(i).slice(0).eq(0).castTo(DataType.INT).sumNumber().longValue();
            assertTrue(zeros > 0 && zeros <= 256, "pixels cut out of image " + i + ": " + zeros);
        }
        // translation moves by at most 1/8 of the side and fills with zeros
        DiffAugmentLayer shift = layer(false, true, false, 0);
        DiffAugmentLayer.Draw d = shift.draw(8, 32, Nd4j.getRandom());
        assertTrue(Arrays.stream(d.shiftX()).allMatch(v -> Math.abs(v) <= 4));
        assertTrue(Arrays.stream(d.shiftX()).anyMatch(v -> v != 0));
        // colour on channels 3..5 of a stack leaves 0..2 (the condition) alone
        DiffAugmentLayer colour = layer(true, false, false, 3);
        INDArray stack = Nd4j.rand(DataType.DOUBLE, 4, 6, 8, 8);
        INDArray coloured = colour.forward(stack, colour.draw(4, 8, Nd4j.getRandom()));
        assertEquals(stack.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)), coloured.get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)));
        assertFalse(stack.equalsWithEps(coloured, 1e-3));
    }

    @Test
    void onlyInTraining() {
        DiffAugmentLayer l = layer(true, true, true, 0);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 16, 16);
        l.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(x, l.activate(false, LayerWorkspaceMgr.noWorkspaces()));
        assertFalse(x.equalsWithEps(l.activate(true, LayerWorkspaceMgr.noWorkspaces()), 1e-3));
    }

    @Test
    void offBuildsTheModelAsBefore() {
        for (String kind : List.of("dcgan", "pix2pix")) {
            ModelSettings off = new ModelSettings(kind, 64, 16, 8, 8, 100.0, false, 1, GanLoss.BCE, 2e-4, 2e-4, 0.5,
                    0.999, 1, List.of(), 0, 7);
            ModelSettings on = off.with(new SmallData(List.of(SmallData.Policy.COLOUR, SmallData.Policy.TRANSLATION,
                    SmallData.Policy.CUTOUT), true, 1000, 0, 1));
            GanModel a = ModelRegistry.type(kind).create(off);
            GanModel b = ModelRegistry.type(kind).create(on);
            assertFalse(Arrays.stream(a.graphs().discriminator().getLayers())
                    .anyMatch(l -> l instanceof DiffAugmentLayer), kind + ": no augmentation layer when off");
            assertTrue(Arrays.stream(b.graphs().discriminator().getLayers())
                    .anyMatch(l -> l instanceof DiffAugmentLayer), kind + ": D augments when on");
            assertTrue(Arrays.stream(b.graphs().adversarial().getLayers())
                    .anyMatch(l -> l instanceof DiffAugmentLayer), kind + ": G's update sees augmented fakes");
            // same initial weights either way: the layer has none and draws nothing at initialisation
            assertArrayEquals(a.graphs().discriminator().params().toFloatVector(),
                    b.graphs().discriminator().params().toFloatVector(), kind);
            assertArrayEquals(a.graphs().generator().params().toFloatVector(),
                    b.graphs().generator().params().toFloatVector(), kind);
            GanGraphs g = b.graphs();
            assertArrayEquals(g.generator().params().toFloatVector(), g.average().params().toFloatVector(),
                    kind + ": G's average starts as G");
        }
    }
}
