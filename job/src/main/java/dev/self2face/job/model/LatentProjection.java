package dev.self2face.job.model;

import dev.self2face.job.data.Seeds;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;

/**
 * Finding z for real faces in a trained DCGAN (the Yeh et al. 2017 / dcgan-completion recipe): z is optimised with
 * Adam on a contextual loss — L1 between G(z) and the face, on the known pixels only when a mask is given — plus
 * λ · a perceptual loss — D's realism loss on G(z) — and clipped to the prior's range after each step.
 * <p>DL4J 1.0.0-M2.1 gives no gradient with respect to a graph's input, so the z vectors are made the only trainable
 * parameters of a graph of their own: a bias-free dense layer on one-hot inputs (row i of its weights is z_i) in front
 * of G's and D's layers, copied from the model and frozen in inference mode (G's batch norm with its running
 * statistics: a face's G(z) does not depend on which other faces share its batch).
 */
public final class LatentProjection {
    /** z is kept in [−CLIP, CLIP]: the prior is N(0, 1), and 3 standard deviations hold 99.7 % of it. */
    public static final double CLIP = 3.0;
    private static final Logger LOG = LoggerFactory.getLogger("self2face.face-math");
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    /** The z vectors found, G's faces for them, and the per-face error (mean |G(z) − x| on known pixels). */
    public record Result(INDArray z, INDArray faces, double[] startError, double[] endError) {
    }

    private LatentProjection() {
    }

    /**
     * @param images the faces [n, 3, s, s] in [−1, 1]
     * @param known  1 where a pixel is known, 0 where it is to be completed, [n, 1, s, s]; null: all known
     */
    public static Result project(GanModel model, INDArray images, INDArray known, int iterations, double lambda,
                                 double lr, long seed) {
        if (model.type() != DcGan.TYPE) {
            throw new IllegalArgumentException("face math works on DCGAN runs, not " + model.type().id());
        }
        ModelSettings s = model.settings();
        int n = (int) images.size(0);
        ComputationGraph graph = graph(s, n, lambda, lr, seed);
        GanGraphs.copy(model.graphs().generator(), graph, GanGraphs.G_PREFIX);
        GanGraphs.copy(model.graphs().discriminator(), graph, GanGraphs.D_PREFIX);
        INDArray z = graph.getLayer(Z).getParam("W");
        z.assign(Seeds.noise(seed, n, s.zDim()));
        clip(z);
        INDArray mask = known != null ? known : Nd4j.ones(images.dataType(), n, 1, images.size(2), images.size(3));
        INDArray onehot = Nd4j.eye(n).castTo(images.dataType());
        MultiDataSet set = new MultiDataSet(new INDArray[] {onehot},
                new INDArray[] {images, Nd4j.ones(images.dataType(), n, 1, 1, 1)}, null,
                new INDArray[] {mask.repeat(1, 3), null});
        double[] start = errors(model, z, images, mask);
        long started = System.nanoTime();
        long reported = started;
        for (int i = 0; i < iterations; i++) {
            graph.fit(set);
            clip(z);
            if (System.nanoTime() - reported > PROGRESS_NANOS && i + 1 < iterations) {
                reported = System.nanoTime();
                double rate = (i + 1) / ((reported - started) / 1e9);
                LOG.info(String.format(Locale.ROOT, "projecting %d faces: step %d/%d · loss %.4f · %.1f steps/s · "
                        + "ETA %.0fs", n, i + 1, iterations, graph.score(), rate, (iterations - i - 1) / rate));
            }
        }
        INDArray found = z.dup();
        return new Result(found, generate(model, found), start, errors(model, found, images, mask));
    }

    private static void clip(INDArray z) {
        Transforms.max(z, -CLIP, false);
        Transforms.min(z, CLIP, false);
    }

    /** G's faces for z, with batch norm's running statistics: each face its own, whatever the batch. */
    public static INDArray generate(GanModel model, INDArray z) {
        return model.graphs().generator().output(false, z)[0];
    }

    /** Mean |G(z) − x| per face over the known pixels. */
    static double[] errors(GanModel model, INDArray z, INDArray images, INDArray mask) {
        INDArray diff = Transforms.abs(generate(model, z).sub(images)).mul(mask.repeat(1, 3));
        INDArray sum = diff.sum(1, 2, 3);
        INDArray count = mask.sum(1, 2, 3).mul(3);
        double[] out = new double[(int) images.size(0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = sum.getDouble(i) / Math.max(1, count.getDouble(i));
        }
        return out;
    }

    private static final String Z = "z";

    private static ComputationGraph graph(ModelSettings s, int n, double lambda, double lr, long seed) {
        // no workspaces: DL4J M2.1's batch norm, frozen in inference mode, backpropagates through an array its
        // forward pass left in a workspace that has been closed since (ND4JIllegalStateException "outdated
        // workspace pointer")
        GraphBuilder gb = new NeuralNetConfiguration.Builder().seed(seed).updater(new Sgd(0.0))
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE).graphBuilder()
                .addInputs("onehot").setInputTypes(InputType.feedForward(n));
        gb.addLayer(Z, new DenseLayer.Builder().nIn(n).nOut(s.zDim()).hasBias(false)
                .activation(Activation.IDENTITY).updater(new Adam(lr)).build(), "onehot");
        NetBuilder fixed = NetBuilder.inference(gb);
        String image = DcGan.generator(s).add(fixed);
        String logits = DcGan.discriminator(s).add(fixed, Map.of(GanGraphs.IMAGE, image));
        gb.addLayer("contextual", new CnnLossLayer.Builder(new LossL1()).activation(Activation.IDENTITY).build(),
                image);
        gb.addLayer("perceptual", new CnnLossLayer.Builder(new LossBinaryXENT(Nd4j.create(new double[] {lambda})))
                .activation(Activation.SIGMOID).build(), logits);
        gb.setOutputs("contextual", "perceptual");
        ComputationGraph graph = new ComputationGraph(gb.build());
        graph.init();
        NetBuilder.withoutFrozenBatchNormHelpers(graph);
        return graph;
    }
}
