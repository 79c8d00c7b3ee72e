package dev.self2face.job.train;

import dev.self2face.job.data.Batch;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.Losses;
import dev.self2face.job.model.ModelKind;
import dev.self2face.job.model.StepResult;
import dev.self2face.job.model.TrainingSets;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** The papers' losses and D's outputs for a batch, measured on the driver's networks without updating them. */
final class Diagnostics {
    private Diagnostics() {
    }

    static StepResult measure(GanModel model, Batch b) {
        var s = model.settings();
        var g = model.graphs();
        INDArray in = TrainingSets.generatorInput(s, b);
        INDArray fake = g.generate(in);
        MultiDataSet[] sets = TrainingSets.discriminator(s, b, fake, true);
        INDArray onReal = g.discriminate(sets[0].getFeatures());
        INDArray onFake = g.discriminate(sets[1].getFeatures());
        boolean pix2pix = s.kind() == ModelKind.PIX2PIX;
        double dLoss = (Losses.bce(onReal, 1) + Losses.bce(onFake, 0)) * (pix2pix ? 0.5 : 1);
        INDArray[] out = g.adversarialOutputs(in);
        double l1 = pix2pix ? Losses.l1(out[1], b.image()) : Double.NaN;
        double gLoss = Losses.bce(out[0], 1) + (pix2pix ? s.lambdaL1() * l1 : 0);
        return new StepResult(dLoss, gLoss, l1, onReal.meanNumber().doubleValue(), onFake.meanNumber().doubleValue());
    }
}
