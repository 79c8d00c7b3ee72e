package dev.self2face.job.model;

import com.typesafe.config.Config;
import dev.self2face.config.Keys;
import dev.self2face.job.data.Batch;
import dev.self2face.job.data.SampleGrid;
import dev.self2face.job.data.Seeds;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conditional DCGAN with an auxiliary classifier (AC-GAN, Odena, Olah and Shlens 2017; multi-label, as VAC-GAN) and a
 * spectrally normalised D (Miyato, Kataoka, Koyama and Yoshida 2018): (noise, attributes) -> face.
 * <p>G: z ~ N(0, 1) concatenated with the attribute vector y (0 or 1 per attribute of {@code model.cdcgan.attributes},
 * read from the face's landmarks), then DCGAN's generator. D: DCGAN's discriminator body with every convolution
 * spectrally normalised ({@code model.cdcgan.spectral-norm}), and two heads on its last 4x4 features — the
 * adversarial score and one logit per attribute (a sigmoid classifier).
 * <p>Losses, as logged: loss_D_real and loss_D_fake (D's part of the adversarial loss, {@code model.loss}: hinge or
 * binary cross-entropy), loss_D_cls (the classifier's binary cross-entropy on real faces and their attributes),
 * loss_G_GAN (G's part of the adversarial loss) and loss_G_cls (the classifier's binary cross-entropy on G's faces
 * against the attributes G was asked for). Both classification terms are weighted by λ_cls
 * ({@code model.cdcgan.lambda-cls}).
 * <p>One step: D learns {@code d-steps} times (each with fresh z, on the batch's real faces and attributes); then G
 * learns once, through D frozen in the adversarial graph, to be called real and to show the attributes asked for.
 * The two timescales (separate learning rates for D and G, β1 = 0) are {@code training.*} settings.
 */
public final class ConditionalDcGan implements GanModel {
    public static final ModelType TYPE = new ModelType() {
        @Override
        public String id() {
            return "cdcgan";
        }

        @Override
        public ModelOptions options(Config c) {
            String k = "model.cdcgan.";
            return new Options(Keys.intIn(c, k + "z-dim", 1, 4096), Keys.intIn(c, k + "ngf", 1, 1024),
                    Keys.intIn(c, k + "ndf", 1, 1024), ModelSettings.attributes(c, k + "attributes"),
                    Keys.doubleIn(c, k + "lambda-cls", 0, 1e6), Keys.intIn(c, k + "d-steps", 1, 20),
                    Keys.bool(c, k + "spectral-norm"));
        }

        @Override
        public String gateMetric() {
            return "sample_fd";
        }

        @Override
        public String description() {
            return "conditional DCGAN with an attribute classifier in D (AC-GAN, spectral norm): noise + attributes"
                    + " -> face";
        }

        @Override
        public Set<GanInput> inputs() {
            return EnumSet.of(GanInput.NOISE, GanInput.LABELS);
        }

        @Override
        public GanModel create(ModelSettings s) {
            return new ConditionalDcGan(s, GanGraphs.build(s, generator(s), discriminator(s)));
        }

        @Override
        public GanModel restore(ModelSettings s, GanGraphs graphs) {
            return new ConditionalDcGan(s, graphs);
        }
    };

    /**
     * The conditional DCGAN's options ({@code model.cdcgan}): noise length, widths, the attributes in G's input order,
     * λ_cls, D steps per G step and its own spectral-normalisation switch.
     */
    public record Options(int zDim, int ngf, int ndf, List<String> attributes, double lambdaCls, int dSteps,
                          Boolean spectralNorm) implements ModelOptions {
    }

    /** G's attribute input, and the name of D's classifier logits. */
    public static final String LABELS = "labels";
    private static final String CLASS_LOGITS = "d_class_logits";

    private final ModelSettings s;
    private final GanGraphs nets;
    private final ConditionalSets sets;

    private ConditionalDcGan(ModelSettings s, GanGraphs nets) {
        this.s = s;
        this.nets = nets;
        this.sets = new ConditionalSets(s);
    }

    static GanGraphs.Generator generator(ModelSettings s) {
        return new GanGraphs.Generator() {
            @Override
            public Map<String, InputType> inputs() {
                Map<String, InputType> in = new LinkedHashMap<>();
                in.put("z", InputType.feedForward(s.zDim()));
                in.put(LABELS, InputType.feedForward(s.attributes().size()));
                return in;
            }

            @Override
            public String add(NetBuilder b) {
                return DcGan.upsample(b, s, b.concat("g_z_labels", "z", LABELS));
            }
        };
    }

    static GanGraphs.Discriminator discriminator(ModelSettings s) {
        return new GanGraphs.Discriminator() {
            @Override
            public Map<String, InputType> inputs() {
                return Map.of(GanGraphs.IMAGE, InputType.convolutional(s.size(), s.size(), 3));
            }

            @Override
            public String add(NetBuilder b, Map<String, String> in) {
                String features = DcGan.features(b, s, in.get(GanGraphs.IMAGE));
                DiscriminatorBlocks.classLogits(b, s, CLASS_LOGITS, s.attributes().size(), features);
                return DiscriminatorBlocks.logits(b, s, "d_logits", true, features);
            }

            @Override
            public String classifierLogits() {
                return CLASS_LOGITS;
            }

            @Override
            public double classifierWeight() {
                return s.lambdaCls();
            }
        };
    }

    /** The adversarial losses and D's outputs, plus loss_D_cls: the classifier on the real faces. */
    @Override
    public Figures measureDiscriminator(Batch batch, INDArray fake) {
        return GanModel.super.measureDiscriminator(batch, fake)
                .put("loss_D_cls", Losses.bce(nets.classify(batch.image()), sets.classLabels(batch)));
    }

    /** loss_G_GAN, and loss_G_cls: the classifier on G's faces against the attributes asked for. */
    @Override
    public Figures measureGenerator(Batch batch, INDArray[] zy) {
        INDArray[] out = nets.adversarialOutputs(zy);
        return Figures.none().put("loss_G_GAN", s.loss().generatorLoss(out[0]))
                .put("loss_G_cls", Losses.bce(out[1], zy[1]));
    }

    /**
     * Fixed noise and, for the i-th face, the attributes of the i-th fixed val face (cycling): the grid shows faces
     * asked for with attribute sets that occur in the person's video.
     */
    @Override
    public INDArray[] fixedInputs(Batch fixed, int count) {
        INDArray z = Seeds.noise(Seeds.fixedNoise(s.seed()), count, s.zDim());
        return new INDArray[] {z, ConditionalSets.cycled(sets.classLabels(fixed), count)};
    }

    /** A square grid of G's faces from the fixed inputs. */
    @Override
    public byte[] sampleGrid(Batch fixed, int count) {
        return SampleGrid.grid(nets.sample(fixedInputs(fixed, count)), (int) Math.ceil(Math.sqrt(count)));
    }

    @Override
    public ModelType type() {
        return TYPE;
    }

    @Override
    public TrainingSets sets() {
        return sets;
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
