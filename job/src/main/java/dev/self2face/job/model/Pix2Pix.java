package dev.self2face.job.model;

import com.typesafe.config.Config;
import dev.self2face.config.Keys;
import dev.self2face.job.data.Batch;
import dev.self2face.job.data.SampleGrid;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossL1;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * pix2pix (Isola, Zhu, Zhou and Efros 2017): condition image -> face.
 * <p>G is a U-Net ({@link UNet}): encoder C64-C128-C256-C512-C512…, down to 1x1, decoder mirroring it with skip
 * connections and dropout 0.5 on its first three layers. D is the 70x70 PatchGAN ({@link PatchGan}) on the
 * concatenated (condition, image): one real/fake logit per overlapping patch.
 * <p>One step, as the paper's objective G* = arg min_G max_D L_cGAN(G, D) + λ·L_L1(G):
 * <ol>
 *   <li>D: ½ (loss_D_real + loss_D_fake), real pairs labelled 1, (condition, G(condition)) labelled 0;</li>
 *   <li>G: loss_G = loss_G_GAN + λ·loss_G_L1, D frozen, λ = {@code model.pix2pix.lambda-l1}.</li>
 * </ol>
 */
public final class Pix2Pix implements GanModel {
    public static final ModelType TYPE = new ModelType() {
        @Override
        public String id() {
            return "pix2pix";
        }

        @Override
        public ModelOptions options(Config c) {
            return new Options(Keys.intIn(c, "model.pix2pix.ngf", 1, 1024), Keys.intIn(c, "model.pix2pix.ndf", 1, 1024),
                    Keys.doubleIn(c, "model.pix2pix.lambda-l1", 0, 1e6));
        }

        @Override
        public String gateMetric() {
            return "val_l1";
        }

        @Override
        public String description() {
            return "pix2pix (Isola et al. 2017): condition image -> face";
        }

        @Override
        public Set<GanInput> inputs() {
            return EnumSet.of(GanInput.CONDITION_IMAGE);
        }

        @Override
        public GanModel create(ModelSettings s) {
            return new Pix2Pix(s, GanGraphs.build(s, UNet.generator(s), PatchGan.discriminator(s), l1Head(s)));
        }

        @Override
        public GanModel restore(ModelSettings s, GanGraphs graphs) {
            return new Pix2Pix(s, graphs);
        }
    };

    /** pix2pix's options: the two widths and λ of G's L1 term ({@code model.pix2pix}). */
    public record Options(int ngf, int ndf, double lambdaL1) implements ModelOptions {
    }
    public static final String CONDITION = "condition";
    /** The adversarial graph's L1 head on G's output. */
    static final String G_L1 = "g_l1";

    private final ModelSettings s;
    private final GanGraphs nets;
    private final Sets sets;

    private Pix2Pix(ModelSettings s, GanGraphs nets) {
        this.s = s;
        this.nets = nets;
        this.sets = new Sets(s);
    }

    /** G takes the condition; D sees (condition, image) and gives a patch grid; G's L1 head wants the real face. */
    static final class Sets extends TrainingSets {
        Sets(ModelSettings s) {
            super(s);
        }

        @Override
        public INDArray[] generatorInputs(Batch batch) {
            return new INDArray[] {batch.condition()};
        }

        @Override
        public INDArray[] discriminatorInputs(Batch batch, INDArray image) {
            return new INDArray[] {batch.condition(), image};
        }

        @Override
        public int dOutputSide() {
            return PatchGan.patches(s.size());
        }

        @Override
        public INDArray[] headLabels(Batch batch) {
            return new INDArray[] {batch.image()};
        }
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

    /** loss_G_GAN and loss_G_L1 (mean absolute difference to the real face; G's objective adds it times λ). */
    @Override
    public Figures measureGenerator(Batch batch, INDArray[] condition) {
        INDArray[] out = nets.adversarialOutputs(condition);
        return Figures.none().put("loss_G_GAN", s.loss().generatorLoss(out[0]))
                .put("loss_G_L1", Losses.l1(out[1], batch.image()));
    }

    /** The first val pairs' conditions. */
    @Override
    public INDArray[] fixedInputs(Batch fixed, int count) {
        return new INDArray[] {fixed.condition()};
    }

    /** Rows of (condition, G(condition), real face) triplets, two per row. */
    @Override
    public byte[] sampleGrid(Batch fixed, int count) {
        return SampleGrid.triplets(fixed.condition(), nets.sample(fixedInputs(fixed, count)), fixed.image(), 2);
    }

    @Override
    public ModelType type() {
        return TYPE;
    }

    @Override
    public TrainingSets sets() {
        return sets;
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
