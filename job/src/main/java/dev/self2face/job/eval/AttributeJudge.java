package dev.self2face.job.eval;

import dev.self2face.job.data.Batch;
import dev.self2face.job.data.PairSample;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An attribute classifier that is not the model's: a small CNN (three 4x4 stride-2 convolutions with LeakyReLU,
 * global average pooling, a sigmoid per attribute) trained from its own seed on the run's real train faces and their
 * labels, at 64 px, before the run's first evaluation. It judges whether a conditional model's faces carry the
 * attributes asked for without trusting the model's own D, which G is trained to satisfy. Its accuracy on the train
 * faces it learned from and on the val faces says how much its verdicts are worth.
 */
public final class AttributeJudge {
    static final int SIDE = 64;
    static final int STEPS = 400;
    static final int BATCH = 32;
    private final MultiLayerNetwork net;

    private AttributeJudge(MultiLayerNetwork net) {
        this.net = net;
    }

    /** Trains a judge on the labelled faces of {@code train} (at most a thousand, as the run's train sample). */
    public static AttributeJudge train(PairSample train, long seed) {
        Batch b = train.at(SIDE);
        INDArray faces = b.image();
        INDArray labels = b.labels().castTo(DataType.FLOAT);
        int k = (int) labels.size(1);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(16)
                        .activation(new ActivationLReLU(0.2)).build())
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(32)
                        .activation(new ActivationLReLU(0.2)).build())
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(64)
                        .activation(new ActivationLReLU(0.2)).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(k)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(SIDE, SIDE, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random r = new Random(seed);
        long n = faces.size(0);
        for (int step = 0; step < STEPS; step++) {
            long[] idx = new long[(int) Math.min(BATCH, n)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = r.nextInt((int) n);
            }
            net.fit(new DataSet(faces.get(NDArrayIndex.indices(idx)), labels.get(NDArrayIndex.indices(idx))));
        }
        return new AttributeJudge(net);
    }

    /** Verdicts (0 or 1) [n, k] on images [n, 3, s, s] in [-1, 1]. */
    public INDArray verdicts(INDArray images) {
        INDArray x = images.size(2) == SIDE ? images : PairSample.shrink(images, SIDE);
        List<INDArray> parts = new ArrayList<>();
        for (long i = 0; i < x.size(0); i += 64) {
            parts.add(net.output(x.get(NDArrayIndex.interval(i, Math.min(x.size(0), i + 64))), false));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new)).gt(0.5).castTo(DataType.FLOAT);
    }
}
