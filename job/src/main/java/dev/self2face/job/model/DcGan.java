package dev.self2face.job.model;

import com.typesafe.config.Config;
import dev.self2face.config.Keys;
import dev.self2face.job.data.Batch;
import dev.self2face.job.data.SampleGrid;
import dev.self2face.job.data.Seeds;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * DCGAN (Radford, Metz and Chintala 2015): noise -> face.
 * <p>G: z ~ N(0, 1) is projected and reshaped to 4x4x(8·ngf), then fractionally-strided convolutions with batch norm
 * and ReLU double the side until the last one makes 3 channels through tanh (64x64: four of them; one more per
 * doubling). D mirrors it: strided convolutions with LeakyReLU 0.2, batch norm on all but the first, and a last
 * 4x4 convolution to one logit. Weights N(0, 0.02); Adam lr 2e-4, β1 0.5 (the model settings).
 * <p>Losses, as logged: loss_D_real and loss_D_fake (D's binary cross-entropy on real and on generated faces) and
 * loss_G_GAN (−log D(G(z))).
 * <p>One step: D maximises log D(x) + log(1 − D(G(z))); then G maximises log D(G(z)) (the paper's non-saturating
 * form), through D frozen in the adversarial graph.
 */
public final class DcGan implements GanModel {
    public static final ModelType TYPE = new ModelType() {
        @Override
        public String id() {
            return "dcgan";
        }

        @Override
        public ModelOptions options(Config c) {
            return new Options(Keys.intIn(c, "model.dcgan.z-dim", 1, 4096), Keys.intIn(c, "model.dcgan.ngf", 1, 1024),
                    Keys.intIn(c, "model.dcgan.ndf", 1, 1024));
        }

        @Override
        public String gateMetric() {
            return "sample_fd";
        }

        @Override
        public String description() {
            return "DCGAN (Radford et al. 2015): noise -> face";
        }

        @Override
        public Set<GanInput> inputs() {
            return EnumSet.of(GanInput.NOISE);
        }

        @Override
        public GanModel create(ModelSettings s) {
            return new DcGan(s, GanGraphs.build(s, generator(s), discriminator(s)));
        }

        @Override
        public GanModel restore(ModelSettings s, GanGraphs graphs) {
            return new DcGan(s, graphs);
        }
    };

    /** DCGAN's options: noise length and the two widths ({@code model.dcgan}). */
    public record Options(int zDim, int ngf, int ndf) implements ModelOptions {
    }

    private final ModelSettings s;
    private final GanGraphs nets;
    private final UnconditionalSets sets;

    private DcGan(ModelSettings s, GanGraphs nets) {
        this.s = s;
        this.nets = nets;
        this.sets = new UnconditionalSets(s);
    }

    /** Number of doublings from 4x4 to the image size. */
    static int stages(int size) {
        return Integer.numberOfTrailingZeros(size / 4);
    }

    static GanGraphs.Generator generator(ModelSettings s) {
        return new GanGraphs.Generator() {
            @Override
            public Map<String, InputType> inputs() {
                return Map.of("z", InputType.feedForward(s.zDim()));
            }

            @Override
            public String add(NetBuilder b) {
                return upsample(b, s, "z");
            }
        };
    }

    /**
     * G's layers from its input vector: projected and reshaped to 4x4x(8·ngf), then fractionally-strided
     * convolutions with batch norm and ReLU up to the image, tanh; returns the output vertex.
     */
    static String upsample(NetBuilder b, ModelSettings s, String input) {
        int c = 8 * s.ngf();
        String x = b.layer("g_project", new DenseLayer.Builder().nOut(4L * 4 * c).hasBias(false)
                .activation(Activation.IDENTITY).build(), input);
        x = b.batchNorm("g_project_bn", new FeedForwardToCnnPreProcessor(4, 4, c), x);
        x = b.relu("g_project_relu", x);
        int n = stages(s.size());
        for (int k = 1; k < n; k++) {
            int ch = s.ngf() * Math.max(1, 8 >> k);
            x = b.deconv("g_up" + k, ch, false, Activation.IDENTITY.getActivationFunction(), x);
            x = b.batchNorm("g_up" + k + "_bn", x);
            x = b.relu("g_up" + k + "_relu", x);
        }
        return b.deconv("g_out", 3, false, Activation.TANH.getActivationFunction(), x);
    }

    static GanGraphs.Discriminator discriminator(ModelSettings s) {
        return new GanGraphs.Discriminator() {
            @Override
            public Map<String, InputType> inputs() {
                Map<String, InputType> in = new LinkedHashMap<>();
                in.put(GanGraphs.IMAGE, InputType.convolutional(s.size(), s.size(), 3));
                return in;
            }

            @Override
            public String add(NetBuilder b, Map<String, String> in) {
                return DiscriminatorBlocks.logits(b, s, "d_logits", true, features(b, s, in.get(GanGraphs.IMAGE)));
            }
        };
    }

    /**
     * D's body from the image: strided 4x4 convolutions with LeakyReLU 0.2 (batch norm on all but the first, or
     * spectral normalisation) down to 4x4x(8·ndf); returns that vertex.
     */
    static String features(NetBuilder b, ModelSettings s, String image) {
        String x = image;
        int n = stages(s.size());
        for (int k = 1; k <= n; k++) {
            int ch = s.ndf() * Math.min(1 << (k - 1), 8);
            x = DiscriminatorBlocks.down(b, s, "d_down" + k, ch, 2, k > 1, x);
        }
        return x;
    }

    /** Fixed noise: the same for every step and across resumes of a run. */
    @Override
    public INDArray[] fixedInputs(Batch fixed, int count) {
        return new INDArray[] {Seeds.noise(Seeds.fixedNoise(s.seed()), count, s.zDim())};
    }

    /** A square grid of G's faces from the fixed noise. */
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
