package dev.self2face.job.apply;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A completed face: the known pixels as they were, the hidden ones from G's projection. */
public final class Completion {
    private Completion() {
    }

    /** @param known 1 where the pixel is known, [n, 1, s, s] */
    public static INDArray blend(INDArray original, INDArray generated, INDArray known) {
        INDArray k3 = known.repeat(1, 3);
        return original.mul(k3).add(generated.mul(k3.rsub(1)));
    }
}
