package dev.self2face.job.eval;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Image features from fixed, seeded, randomly initialised convolutional networks — the feature space of self2face's
 * Fréchet distance and KID, since no trained feature network (Inception) can be downloaded. Random convolutional
 * features separate image distributions usefully (Naeem et al. 2020, "Reliable Fidelity and Diversity Metrics for
 * Generative Models"; Lee, Kim and Lee 2023, on evaluating GANs with randomly initialised networks), but their
 * values mean nothing outside these networks: compare self2face runs with each other, never with published FIDs.
 * <p>Each network: four 4x4 stride-2 convolutions with ReLU (16, 32, 64, 64 channels; He-initialised from its
 * seed) and global average pooling: 64 features per image at any size. {@link #SEEDS} networks give a mean ± std.
 */
public final class RandomFeatures {
    /** The feature networks' seeds: fixed, so every run and every step is measured in the same feature spaces. */
    public static final long[] SEEDS = {1, 2, 3};
    private static final Map<String, MultiLayerNetwork> NETS = new ConcurrentHashMap<>();

    private RandomFeatures() {
    }

    /** Features [n, 64] of images [n, 3, s, s] in [-1, 1] from the network of {@code seed}, in chunks of 64. */
    public static INDArray of(INDArray images, long seed) {
        int size = (int) images.size(2);
        MultiLayerNetwork net = NETS.computeIfAbsent(seed + "@" + size, k -> build(seed, size));
        List<INDArray> parts = new ArrayList<>();
        long n = images.size(0);
        for (long i = 0; i < n; i += 64) {
            INDArray chunk = images.get(NDArrayIndex.interval(i, Math.min(n, i + 64)));
            List<INDArray> acts = net.feedForward(chunk, false);
            parts.add(acts.get(acts.size() - 1));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    private static MultiLayerNetwork build(long seed, int size) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed)
                .weightInit(WeightInit.RELU).list();
        for (int channels : new int[] {16, 32, 64, 64}) {
            b.layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(channels)
                    .activation(Activation.RELU).build());
        }
        b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        MultiLayerConfiguration conf = b.setInputType(InputType.convolutional(size, size, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
