package dev.self2face.job.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The papers' loss values, computed from network outputs for reporting (means, as both papers write them). */
public final class Losses {
    private static final double EPS = 1e-7;

    private Losses() {
    }

    /** Mean binary cross-entropy of probabilities {@code p} against a constant label 1 or 0. */
    public static double bce(INDArray p, double label) {
        INDArray q = Transforms.max(Transforms.min(p.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE), 1 - EPS), EPS);
        INDArray l = label == 1.0 ? Transforms.log(q, true) : Transforms.log(q.rsub(1.0), true);
        return -l.meanNumber().doubleValue();
    }

    /** Mean binary cross-entropy of probabilities {@code p} against labels of the same shape (0 or 1). */
    public static double bce(INDArray p, INDArray labels) {
        INDArray q = Transforms.max(Transforms.min(p.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE), 1 - EPS), EPS);
        INDArray y = labels.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        INDArray l = y.mul(Transforms.log(q, true)).addi(y.rsub(1.0).muli(Transforms.log(q.rsub(1.0), true)));
        return -l.meanNumber().doubleValue();
    }

    /** Mean absolute difference. */
    public static double l1(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b), false).meanNumber().doubleValue();
    }
}
