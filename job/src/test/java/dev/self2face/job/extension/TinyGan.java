package dev.self2face.job.extension;

import dev.self2face.job.data.Batch;
import dev.self2face.job.data.SampleGrid;
import dev.self2face.job.data.Seeds;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanGraphs;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.model.ModelOptions;
import dev.self2face.job.model.ModelType;
import dev.self2face.config.Keys;
import dev.self2face.job.model.NetBuilder;
import dev.self2face.job.model.TrainingSets;
import dev.self2face.job.model.UnconditionalSets;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A third model, defined only here, through the public model API and registered as a Java service (this test
 * module's {@code META-INF/services}): a DCGAN variant without batch norm anywhere — G is z -> dense -> 4x4, then
 * fractionally-strided convolutions with ReLU; D is strided convolutions with LeakyReLU and a 4x4 logit, so its
 * update is one fit on real and fake together. Configured by {@code model.tiny.{z-dim, ngf, ndf}}.
 */
public final class TinyGan implements GanModel {
    /** Found by {@code java.util.ServiceLoader}: needs a public no-argument constructor. */
    public static final class Type implements ModelType {
        @Override
        public String id() {
            return "tiny";
        }

        @Override
        public ModelOptions options(com.typesafe.config.Config c) {
            return new Options(Keys.intIn(c, "model.tiny.z-dim", 1, 4096), Keys.intIn(c, "model.tiny.ngf", 1, 1024),
                    Keys.intIn(c, "model.tiny.ndf", 1, 1024));
        }

        @Override
        public String gateMetric() {
            return "sample_pairwise_l1";
        }

        @Override
        public String description() {
            return "a tiny DCGAN without batch norm (a test's own model): noise -> face";
        }

        @Override
        public Set<GanInput> inputs() {
            return EnumSet.of(GanInput.NOISE);
        }

        @Override
        public GanModel create(ModelSettings s) {
            return new TinyGan(this, s, GanGraphs.build(s, generator(s), discriminator(s)));
        }

        @Override
        public GanModel restore(ModelSettings s, GanGraphs graphs) {
            return new TinyGan(this, s, graphs);
        }
    }

    /** The tiny model's options ({@code model.tiny}). */
    public record Options(int zDim, int ngf, int ndf) implements ModelOptions {
    }

    private final ModelType type;
    private final ModelSettings s;
    private final GanGraphs nets;
    private final UnconditionalSets sets;

    private TinyGan(ModelType type, ModelSettings s, GanGraphs nets) {
        this.type = type;
        this.s = s;
        this.nets = nets;
        this.sets = new UnconditionalSets(s);
    }

    private static int stages(int size) {
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
                int c = 4 * s.ngf();
                String x = b.layer("g_project", new DenseLayer.Builder().nOut(4L * 4 * c)
                        .activation(Activation.RELU).build(), "z");
                x = b.layer("g_project_4x4", new ActivationLayer.Builder().activation(Activation.IDENTITY).build(),
                        new FeedForwardToCnnPreProcessor(4, 4, c), x);
                for (int k = 1; k < stages(s.size()); k++) {
                    x = b.deconv("g_up" + k, s.ngf(), true, Activation.RELU.getActivationFunction(), x);
                }
                return b.deconv("g_out", 3, true, Activation.TANH.getActivationFunction(), x);
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
                String x = in.get(GanGraphs.IMAGE);
                for (int k = 1; k <= stages(s.size()); k++) {
                    x = b.leakyRelu("d_down" + k + "_lrelu", b.conv("d_down" + k, s.ndf(), 2, true, x));
                }
                return b.convValid("d_logits", 1, x);
            }
        };
    }

    @Override
    public INDArray[] fixedInputs(Batch fixed, int count) {
        return new INDArray[] {Seeds.noise(Seeds.fixedNoise(s.seed()), count, s.zDim())};
    }

    @Override
    public byte[] sampleGrid(Batch fixed, int count) {
        return SampleGrid.grid(nets.generate(fixedInputs(fixed, count)), 4);
    }

    @Override
    public ModelType type() {
        return type;
    }

    @Override
    public ModelSettings settings() {
        return s;
    }

    @Override
    public GanGraphs graphs() {
        return nets;
    }

    @Override
    public TrainingSets sets() {
        return sets;
    }
}
