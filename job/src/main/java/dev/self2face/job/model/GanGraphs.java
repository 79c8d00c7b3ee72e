package dev.self2face.job.model;

import dev.self2face.job.model.layers.DiffAugment;
import dev.self2face.job.model.layers.SpectralNorm;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GAN mechanics of DL4J 1.0.0-M2.1, in one place for every model: three graphs over the same layer names.
 * <ul>
 *   <li>{@link #generator()} G alone: makes the fakes for D's update and is what a run publishes;</li>
 *   <li>{@link #discriminator()} D alone, ending in a sigmoid + binary cross-entropy head {@value #D_OUT}: trained
 *       on real (label 1) and fake (label 0) inputs;</li>
 *   <li>{@link #adversarial()} G followed by D, whose layers train at learning rate 0 ({@link NetBuilder}), plus any
 *       extra generator heads (pix2pix's L1): fitting it with label 1 ("real") moves only G, through D.</li>
 * </ul>
 * After every D update D's parameters (batch-norm statistics included, they are parameters in DL4J) are copied into
 * the adversarial graph, and after every G update G's parameters are copied back into G. Layers are matched by
 * name: {@value #G_PREFIX}* belong to G, {@value #D_PREFIX}* to D. Each update is one {@code fit} of a whole graph,
 * so the same step runs unchanged under dl4j-spark's parameter averaging.
 */
public final class GanGraphs {
    public static final String G_PREFIX = "g_";
    public static final String D_PREFIX = "d_";
    /** D's output: probability that its input is real, per image (DCGAN) or per patch (pix2pix). */
    public static final String D_OUT = "d_out";
    /** D's auxiliary classifier output, when D has one ({@link Discriminator#classifierLogits}). */
    public static final String D_CLASS = "d_class";
    /** The D input that receives the real or generated image (others, like pix2pix's condition, are shared). */
    public static final String IMAGE = "image";

    /** A generator: its named inputs, and a method adding its layers that returns its output vertex. */
    public interface Generator {
        Map<String, InputType> inputs();

        String add(NetBuilder b);
    }

    /** A discriminator: its named inputs (one is {@link #IMAGE}), and a method adding its layers, returning logits. */
    public interface Discriminator {
        Map<String, InputType> inputs();

        String add(NetBuilder b, Map<String, String> inputVertices);

        /**
         * The vertex {@link #add} made for an auxiliary classifier's logits [n, k, 1, 1] (AC-GAN), or null: D then
         * gets a second output {@value #D_CLASS}, a sigmoid with binary cross-entropy per attribute, in D's graph
         * and in the adversarial graph (right after {@value #D_OUT}).
         */
        default String classifierLogits() {
            return null;
        }

        /** The weight of the classifier's loss against the adversarial loss. */
        default double classifierWeight() {
            return 1;
        }
    }

    /** An extra loss on G's output inside the adversarial graph (pix2pix's λ·L1); returns its output layer. */
    public interface GeneratorHead {
        String add(NetBuilder b, String generatorOutput);
    }

    private final ComputationGraph generator;
    private final ComputationGraph discriminator;
    private final ComputationGraph adversarial;

    private final int powerIterations;
    private final boolean batchNormInD;
    private final SmallData smallData;
    /** G's exponential moving average (null without {@code training.g-ema}): what samples and publishing use. */
    private final ComputationGraph average;

    public GanGraphs(ComputationGraph generator, ComputationGraph discriminator, ComputationGraph adversarial,
                     int powerIterations) {
        this(generator, discriminator, adversarial, powerIterations, SmallData.OFF);
    }

    public GanGraphs(ComputationGraph generator, ComputationGraph discriminator, ComputationGraph adversarial,
                     int powerIterations, SmallData smallData) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.adversarial = adversarial;
        this.powerIterations = powerIterations;
        this.smallData = smallData;
        this.batchNormInD = Arrays.stream(discriminator.getLayers()).anyMatch(
                l -> l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization);
        this.average = smallData.gEmaImages() > 0 ? generator.clone() : null;
    }

    /** Builds and initialises all three graphs; G and D weights are drawn from N(0, 0.02) with the model's seed. */
    public static GanGraphs build(ModelSettings s, Generator g, Discriminator d, GeneratorHead... heads) {
        GraphBuilder gb = start(s, s.learningRate(), g.inputs());
        NetBuilder b = new NetBuilder(gb, false);
        gb.setOutputs(g.add(b));
        ComputationGraph generator = init(gb);

        GraphBuilder db = start(s, s.dLearningRate(), d.inputs());
        NetBuilder dn = new NetBuilder(db, false);
        Map<String, String> inputs = new LinkedHashMap<>();
        d.inputs().keySet().forEach(k -> inputs.put(k, k));
        Map<String, String> own = Augmentation.insert(dn, s.smallData(), inputs);
        List<String> dOutputs = new ArrayList<>();
        dOutputs.add(dn.layer(D_OUT, s.loss().discriminatorHead(), d.add(dn, own)));
        classifier(dn, d, s).ifPresent(dOutputs::add);
        db.setOutputs(dOutputs.toArray(String[]::new));
        ComputationGraph discriminator = init(db);

        GraphBuilder ab = start(s, s.learningRate(), g.inputs());
        NetBuilder an = new NetBuilder(ab, false);
        String fake = g.add(an);
        Map<String, String> roles = new LinkedHashMap<>();
        for (String input : d.inputs().keySet()) {
            if (!input.equals(IMAGE) && !g.inputs().containsKey(input)) {
                throw new IllegalArgumentException("D input " + input + " is neither the image nor a G input");
            }
            roles.put(input, input.equals(IMAGE) ? fake : input);
        }
        roles = Augmentation.insert(an, s.smallData(), roles);
        List<String> outputs = new ArrayList<>();
        outputs.add(an.frozen(true).layer(D_OUT, s.loss().generatorHead(), d.add(an.frozen(true), roles)));
        classifier(an.frozen(true), d, s).ifPresent(outputs::add);
        for (GeneratorHead h : heads) {
            outputs.add(h.add(an, fake));
        }
        ab.setOutputs(outputs.toArray(String[]::new));
        ComputationGraph adversarial = init(ab);

        GanGraphs graphs = new GanGraphs(generator, discriminator, adversarial, s.powerIterations(), s.smallData());
        // spectral normalisation: u starts random; converge it before the first step (then one iteration per step)
        SpectralNorm.iterate(discriminator, 50);
        copy(generator, adversarial, G_PREFIX);
        copy(discriminator, adversarial, D_PREFIX);
        return graphs;
    }

    /** A graph of the model's seed and initialisation, trained by Adam at {@code learningRate}. */
    private static GraphBuilder start(ModelSettings s, double learningRate, Map<String, InputType> inputs) {
        GraphBuilder gb = new NeuralNetConfiguration.Builder()
                .seed(s.seed())
                .updater(new Adam(learningRate, s.beta1(), s.beta2(), 1e-8))
                .weightInit(new NormalDistribution(0.0, 0.02))
                .graphBuilder()
                .addInputs(inputs.keySet().toArray(String[]::new))
                .setInputTypes(inputs.values().toArray(InputType[]::new));
        return gb;
    }

    /**
     * D's classifier output: sigmoid and binary cross-entropy per attribute of the settings, weighted; absent without
     * a classifier.
     */
    private static java.util.Optional<String> classifier(NetBuilder b, Discriminator d, ModelSettings s) {
        String logits = d.classifierLogits();
        if (logits == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(b.layer(D_CLASS, new LossLayer.Builder(new LossBinaryXENT(
                Nd4j.valueArrayOf(new long[] {1, s.attributes().size()}, d.classifierWeight(), DataType.FLOAT)))
                .activation(Activation.SIGMOID).build(), logits));
    }

    private static ComputationGraph init(GraphBuilder gb) {
        ComputationGraph graph = new ComputationGraph(gb.build());
        graph.init();
        return graph;
    }

    /** Copies the parameters of every layer whose name starts with {@code prefix} (into the existing views). */
    public static void copy(ComputationGraph from, ComputationGraph to, String prefix) {
        for (org.deeplearning4j.nn.api.Layer l : from.getLayers()) {
            String name = l.conf().getLayer().getLayerName();
            if (name.startsWith(prefix) && l.numParams() > 0) {
                to.getLayer(name).params().assign(l.params());
            }
        }
    }

    /**
     * D's update on real inputs (label 1) and generated ones (label 0). A D with batch norm gets two updates, one on
     * the real batch and one on the fake batch: batch norm must not see them together, or D learns to tell them
     * apart by their batch statistics — and then, in G's update, where it sees only fakes, calls them real (measured
     * here: D(G(z)) 0.00 in D's update and −log D(G(z)) 0.004 in G's). A D without batch norm (spectral
     * normalisation) gets one update on both, as the papers' single step on the summed loss.
     */
    public void trainDiscriminator(MultiDataSet... sets) {
        for (MultiDataSet set : sets) {
            discriminator.fit(set);
        }
        afterDiscriminatorUpdate();
    }

    /** After D's parameters changed (here or by averaging): the power iteration, and D's copy in the adversarial graph. */
    public void afterDiscriminatorUpdate() {
        SpectralNorm.iterate(discriminator, powerIterations);
        copy(discriminator, adversarial, D_PREFIX);
    }

    /** Whether D's update is two fits (real, fake) rather than one on both: D has batch norm. */
    public boolean separateRealAndFake() {
        return batchNormInD;
    }

    /** One G update through the frozen D on a {@link TrainingSets#generator} set. */
    public void trainGenerator(MultiDataSet set) {
        adversarial.fit(set);
        afterGeneratorUpdate();
    }

    /** After the adversarial graph's G changed (here or by averaging): G's copy, and D's (whose batch-norm running
     * statistics moved in training mode although its weights, at learning rate 0, did not). */
    public void afterGeneratorUpdate() {
        copy(adversarial, generator, G_PREFIX);
        copy(discriminator, adversarial, D_PREFIX);
    }

    /**
     * One G update of {@code images} images is done (a step, or a Spark round), {@code seen} images in all so far:
     * G's moving average follows it, average ← β·average + (1 − β)·G (Karras et al.'s G_ema; {@link
     * SmallData#emaBeta}).
     */
    public void afterGeneratorImages(long images, long seen) {
        if (average != null) {
            double beta = smallData.emaBeta(images, seen);
            average.params().muli(beta).addi(generator.params().mul(1 - beta));
        }
    }

    /** G's output in training mode (batch statistics, dropout on): the fakes of a training step. */
    public INDArray generate(INDArray... inputs) {
        return generator.output(true, inputs)[0];
    }

    /**
     * The faces a user sees: G's moving average where the run keeps one, else G; run in training mode (batch
     * statistics, dropout on), as both papers run G at test time. Samples, grids, metrics and publishing use it.
     */
    public INDArray sample(INDArray... inputs) {
        return published().output(true, inputs)[0];
    }

    /** The generator a run publishes: G's moving average where the run keeps one, else G. */
    public ComputationGraph published() {
        return average != null ? average : generator;
    }

    /** G's moving average, or null. */
    public ComputationGraph average() {
        return average;
    }

    /** The adaptive augmentation probability of D's augmentation layers (both graphs). */
    public void setAugmentProbability(double p) {
        augmentations(discriminator).forEach(a -> a.setProbability(p));
        augmentations(adversarial).forEach(a -> a.setProbability(p));
    }

    /** The configurations of a graph's augmentation layers. */
    private static List<DiffAugment> augmentations(ComputationGraph g) {
        return Arrays.stream(g.getLayers()).map(l -> l.conf().getLayer()).filter(DiffAugment.class::isInstance)
                .map(DiffAugment.class::cast).toList();
    }

    /** D's probabilities (training mode, as in its update) for its inputs, without updating anything. */
    public INDArray discriminate(INDArray... inputs) {
        return discriminator.output(true, inputs)[0];
    }

    /**
     * D's classifier probabilities [n, k] for images (training mode, as D's batch norm runs in training), when D has
     * a classifier: a measurement, so without D's augmentation.
     */
    public synchronized INDArray classify(INDArray image) {
        List<DiffAugment> augments = augmentations(discriminator);
        List<Double> saved = augments.stream().map(DiffAugment::getProbability).toList();
        augments.forEach(a -> a.setProbability(0));
        try {
            return discriminator.output(true, image)[1];
        } finally {
            for (int i = 0; i < augments.size(); i++) {
                augments.get(i).setProbability(saved.get(i));
            }
        }
    }

    /** The adversarial graph's outputs (training mode) for G's inputs: D's verdict on G's images, then the heads. */
    public INDArray[] adversarialOutputs(INDArray... inputs) {
        return adversarial.output(true, inputs);
    }

    public ComputationGraph generator() {
        return generator;
    }

    public ComputationGraph discriminator() {
        return discriminator;
    }

    public ComputationGraph adversarial() {
        return adversarial;
    }
}
