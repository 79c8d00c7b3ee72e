package dev.self2face.job.model;

import dev.self2face.job.data.Batch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossHinge;
import org.nd4j.linalg.lossfunctions.impl.LossWasserstein;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conditional model's mechanics on small networks: the hinge labels give the hinge objective through DL4J's loss
 * functions, D's classifier learns from real faces only, a step moves both heads, and D steps per G step count.
 */
class ConditionalMechanicsTest {
    static final List<String> ATTRIBUTES = List.of("mouth_open", "smile", "yaw");

    static ModelSettings settings(GanLoss loss, int dSteps) {
        return new ModelSettings("cdcgan", 64, 16, 8, 8, 0, true, 5, loss, 1e-4, 4e-4, 0.0, 0.9, dSteps, ATTRIBUTES,
                1.0, 7);
    }

    static Batch batch(int n) {
        INDArray labels = Nd4j.rand(DataType.FLOAT, n, ATTRIBUTES.size()).gt(0.5).castTo(DataType.FLOAT);
        return new Batch(null, GanMechanicsTest.images(n), labels);
    }

    @Test
    void hingeLabelsGiveTheHingeObjectiveThroughDl4jsLosses() {
        INDArray scores = Nd4j.createFromArray(new float[] {2.0f, 0.5f, -0.3f, -1.5f}).reshape(4, 1);
        GanLoss h = GanLoss.HINGE;
        for (boolean real : new boolean[] {true, false}) {
            INDArray labels = Nd4j.valueArrayOf(new long[] {4, 1}, real ? h.real() : h.fake(), DataType.FLOAT);
            double dl4j = new LossHinge().computeScore(labels, scores.dup(), new ActivationIdentity(), null, true);
            assertEquals(h.discriminatorLoss(scores, real), dl4j, 1e-6, "D's hinge on " + (real ? "real" : "fake"));
        }
        INDArray g = Nd4j.valueArrayOf(new long[] {4, 1}, h.generator(), DataType.FLOAT);
        double dl4j = new LossWasserstein().computeScore(g, scores.dup(), new ActivationIdentity(), null, true);
        assertEquals(h.generatorLoss(scores), dl4j, 1e-6, "G's −mean D(G(z))");
        assertEquals(-0.175, h.generatorLoss(scores), 1e-6);
        assertEquals((0 + 0.5 + 1.3 + 2.5) / 4, h.discriminatorLoss(scores, true), 1e-6);
    }

    @Test
    void classifierLearnsFromRealFacesOnly() {
        GanModel m = settings(GanLoss.HINGE, 1).create();
        Batch b = batch(4);
        INDArray fake = m.graphs().generate(m.sets().generatorInputs(b));
        MultiDataSet set = m.sets().discriminator(b, fake, false)[0];
        INDArray mask = set.getLabelsMaskArray(1);
        assertEquals(Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, 4, 1), Nd4j.zeros(DataType.FLOAT, 4, 1)), mask);
        // the fakes' class labels do not count: any labels on them give D the same score
        double score = m.graphs().discriminator().score(set, true);
        INDArray flipped = set.getLabels(1).dup();
        flipped.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8)).rsubi(1.0);
        set.setLabels(1, flipped);
        assertEquals(score, m.graphs().discriminator().score(set, true), 1e-5);
    }

    @Test
    void aStepMovesBothHeadsAndNamesItsLosses() {
        GanModel m = settings(GanLoss.HINGE, 2).create();
        GanGraphs g = m.graphs();
        INDArray cls = g.discriminator().getLayer("d_class_logits").params().dup();
        INDArray score = g.discriminator().getLayer("d_logits").params().dup();
        INDArray out = g.generator().getLayer("g_out").params().dup();
        int before = g.discriminator().getIterationCount();
        Figures f = m.step(batch(4), true);
        assertTrue(f.finite(), f.toString());
        assertTrue(f.asMap().keySet().containsAll(List.of("loss_D_real", "loss_D_fake", "loss_D_cls", "loss_G_GAN",
                "loss_G_cls", "D_x", "D_G_z")), f.toString());
        assertNotEquals(cls, g.discriminator().getLayer("d_class_logits").params());
        assertNotEquals(score, g.discriminator().getLayer("d_logits").params());
        assertNotEquals(out, g.generator().getLayer("g_out").params());
        assertEquals(before + 2, g.discriminator().getIterationCount(), "two D updates (no batch norm: one fit each)");
    }
}
