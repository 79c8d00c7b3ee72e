package dev.self2face.job.model.layers;

import dev.self2face.job.backend.Backend;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Leaky ReLU, f(x) = max(x, αx) for 0 < α < 1, with DL4J's values and gradients exactly, computed by ND4J's
 * vectorised element-wise ops. ND4J 1.0.0-M2.1's own leaky-ReLU op and its derivative take ~26 and ~43 ms on a
 * [4, 128, 128, 128] array on this project's 2-core machine, where a scalar multiplication takes ~2.5 ms: here the
 * forward pass is a scaled copy and a pairwise maximum, the backward pass the incoming gradient times a factor made
 * of sign, shift, minimum and maximum (ND4J has no faster single op for either; {@code FastActivationsTest} checks
 * equality with {@link ActivationLReLU}). On ND4J's CUDA backend, where its own op is one kernel and each of ours
 * another pass over memory, ND4J's own op runs.
 */
public final class FastLeakyReLU extends ActivationLReLU {
    public FastLeakyReLU() {
        super();
    }

    public FastLeakyReLU(double alpha) {
        super(alpha);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("leaky ReLU's slope must lie in (0, 1), was " + alpha);
        }
    }

    /** In place, as DL4J's: {@code in} becomes max(in, α·in). */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (Backend.isCuda()) {
            return super.getActivation(in, training);
        }
        INDArray scaled = in.mul(getAlpha());
        return Transforms.max(in, scaled, false);
    }

    /**
     * dL/dx = ε where x ≥ 0 (DL4J's convention at 0), α·ε where x &lt; 0, written into {@code in} as DL4J's own does
     * (its callers hand it a copy).
     */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (Backend.isCuda()) {
            return super.backprop(in, epsilon);
        }
        assertShape(in, epsilon);
        Transforms.sign(in, false).addi(1); // 0 where x < 0, 1 where x = 0, 2 where x > 0
        Transforms.min(in, 1, false);
        // max with α rather than a·1 + (1 − a)·mask: the factor is then exactly DL4J's float α, with no rounding
        Transforms.max(in, getAlpha(), false).muli(epsilon);
        return new Pair<>(in, null);
    }

    @Override
    public String toString() {
        return "fastleakyrelu(a=" + getAlpha() + ")";
    }
}
