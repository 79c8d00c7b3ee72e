package dev.self2face.job.model;

import dev.self2face.job.data.Batch;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossL1;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * pix2pix (Isola, Zhu, Zhou and Efros 2017): condition image -> face.
 * <p>G is a U-Net ({@link UNet}): encoder C64-C128-C256-C512-C512…, down to 1x1, decoder mirroring it with skip
 * connections and dropout 0.5 on its first three layers. D is the 70x70 PatchGAN ({@link PatchGan}) on the
 * concatenated (condition, image): one real/fake logit per overlapping patch.
 * <p>One step, as the paper's objective G* = arg min_G max_D L_cGAN(G, D) + λ·L_L1(G):
 * <ol>
 *   <li>D: loss_D = ½ (loss_D_real + loss_D_fake), real pairs labelled 1, (condition, G(condition)) labelled 0;</li>
 *   <li>G: loss_G = loss_G_GAN + λ·loss_G_L1, D frozen, λ = {@code model.pix2pix.lambda-l1}.</li>
 * </ol>
 */
public final class Pix2Pix implements GanModel {
    public static final String CONDITION = "condition";
    /** The adversarial graph's L1 head on G's output. */
    static final String G_L1 = "g_l1";

    private final ModelSettings s;
    private final GanGraphs nets;

    public Pix2Pix(ModelSettings s) {
        this(s, GanGraphs.build(s, UNet.generator(s), PatchGan.discriminator(s), l1Head(s)));
    }

    Pix2Pix(ModelSettings s, GanGraphs nets) {
        this.s = s;
        this.nets = nets;
    }

    /**
     * λ·L1 as a DL4J loss layer. DL4J sums a CNN loss over pixels and channels and divides by the batch size, where
     * the paper takes means; weighting the L1 by λ·patches/(3·size²) makes DL4J's total exactly
     * patches × (loss_G_GAN + λ·loss_G_L1): the same objective times a constant, to which Adam is invariant.
     */
    static GanGraphs.GeneratorHead l1Head(ModelSettings s) {
        int p = PatchGan.patches(s.size());
        float w = (float) (s.lambdaL1() * p * p / (3.0 * s.size() * s.size()));
        return (b, fake) -> b.layer(G_L1, new CnnLossLayer.Builder().lossFunction(
                new LossL1(Nd4j.create(new float[] {w, w, w}, 1, 3))).activation(Activation.IDENTITY).build(), fake);
    }

    @Override
    public StepResult step(Batch batch, boolean diagnose) {
        INDArray condition = batch.condition();
        INDArray real = batch.image();
        INDArray fake = nets.generate(condition);

        double lossD = Double.NaN, dReal = Double.NaN, dFake = Double.NaN;
        if (diagnose) {
            INDArray onReal = nets.discriminate(condition, real);
            INDArray onFake = nets.discriminate(condition, fake);
            dReal = onReal.meanNumber().doubleValue();
            dFake = onFake.meanNumber().doubleValue();
            lossD = 0.5 * (Losses.bce(onReal, 1) + Losses.bce(onFake, 0));
        }
        // D: (condition, face) is real, (condition, G(condition)) is fake
        nets.trainDiscriminator(TrainingSets.discriminator(s, batch, fake, nets.separateRealAndFake()));

        double lossGGan = Double.NaN, lossGL1 = Double.NaN;
        if (diagnose) {
            INDArray[] out = nets.adversarialOutputs(condition);
            lossGGan = Losses.bce(out[0], 1);
            lossGL1 = Losses.l1(out[1], real);
        }
        // G: fool D and stay near the real face
        nets.trainGenerator(TrainingSets.generator(s, batch, condition));
        return new StepResult(lossD, lossGGan + s.lambdaL1() * lossGL1, lossGL1, dReal, dFake);
    }

    /** D's inputs, in order: the condition and the (real or generated) image. */
    static Map<String, InputType> pairInputs(int size) {
        Map<String, InputType> in = new LinkedHashMap<>();
        in.put(CONDITION, InputType.convolutional(size, size, 3));
        in.put(GanGraphs.IMAGE, InputType.convolutional(size, size, 3));
        return in;
    }

    @Override
    public ModelSettings settings() {
        return s;
    }

    @Override
    public GanGraphs graphs() {
        return nets;
    }
}
