package dev.self2face.job.model;

import dev.self2face.job.data.Batch;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared GAN mechanics on small real-shaped networks: who updates what, and what the losses mean. */
class GanMechanicsTest {
    static ModelSettings small(ModelType type) {
        return new ModelSettings(type.id(), 64, 16, 8, 8, 100.0, false, 1, 2e-4, 0.5, 0.999, 7);
    }

    static INDArray images(int n) {
        return Nd4j.rand(DataType.FLOAT, n, 3, 64, 64).muli(2).subi(1);
    }

    @Test
    void aStepUpdatesDThenGAndKeepsTheThreeGraphsInSync() {
        for (ModelType kind : List.of(DcGan.TYPE, Pix2Pix.TYPE)) {
            GanModel m = small(kind).create();
            GanGraphs g = m.graphs();
            INDArray dBefore = g.discriminator().getLayer("d_logits").params().dup();
            INDArray gBefore = g.generator().getLayer("g_out").params().dup();
            Nd4j.getRandom().setSeed(1);
            Figures r = m.step(new Batch(images(4), images(4)), true);
            assertTrue(r.finite(), kind + ": " + r);
            assertTrue(r.asMap().keySet().containsAll(List.of("loss_D_real", "loss_D_fake", "loss_G_GAN", "D_x",
                    "D_G_z")), kind.id() + " names its losses: " + r);
            assertEquals(kind == Pix2Pix.TYPE, r.asMap().containsKey("loss_G_L1"), kind.id() + ": " + r);
            assertNotEquals(dBefore, g.discriminator().getLayer("d_logits").params(), kind + ": D moved");
            assertNotEquals(gBefore, g.generator().getLayer("g_out").params(), kind + ": G moved");
            for (var l : g.adversarial().getLayers()) {
                String name = l.conf().getLayer().getLayerName();
                if (l.numParams() == 0) {
                    continue;
                }
                ComputationGraph owner = name.startsWith("g_") ? g.generator() : g.discriminator();
                if (owner.getConfiguration().getVertices().containsKey(name)) {
                    assertEquals(owner.getLayer(name).params(), l.params(), kind + ": " + name + " in sync");
                }
            }
        }
    }

    @Test
    void pix2pixObjectiveIsCganPlusLambdaL1UpToDl4jsConstantFactor() {
        ModelSettings s = small(Pix2Pix.TYPE);
        GanModel m = s.create();
        INDArray cond = images(2);
        INDArray real = images(2);
        int p = PatchGan.patches(64);
        Nd4j.getRandom().setSeed(3);
        INDArray[] out = m.graphs().adversarialOutputs(cond);
        double gan = Losses.bce(out[0], 1);
        double l1 = Losses.l1(out[1], real);
        Nd4j.getRandom().setSeed(3);
        double dl4j = m.graphs().adversarial().score(new MultiDataSet(new INDArray[] {cond},
                new INDArray[] {Nd4j.ones(DataType.FLOAT, 2, 1, p, p), real}), true);
        assertEquals(p * p * (gan + s.lambdaL1() * l1), dl4j, 1e-3 * dl4j);
    }
}
