package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Supplier;

/**
 * What lets {@link Conv2DLayer} and {@link Deconv2DLayer} skip the forward pass DL4J's convolutions run again in
 * their backward pass: while a layer with the identity activation backpropagates, the incoming gradient stands in
 * for the recomputed pre-activation output (the identity's derivative takes the output only to check its shape, and
 * passes the gradient through). DL4J's im2col path (no helper) then rebuilds its columns itself, as it does
 * whenever it has none cached.
 */
final class NoRecompute {
    private INDArray pending;

    /** Runs DL4J's backward pass {@code dl4j}, with {@code epsilon} standing in for the output if it can. */
    Pair<Gradient, INDArray> backprop(IActivation activation, INDArray epsilon,
                                      Supplier<Pair<Gradient, INDArray>> dl4j) {
        if (!(activation instanceof ActivationIdentity)) {
            return dl4j.get();
        }
        pending = epsilon;
        try {
            return dl4j.get();
        } finally {
            pending = null;
        }
    }

    /** The gradient standing in for the recomputed output, or null outside such a backward pass. */
    INDArray pending() {
        return pending;
    }
}
