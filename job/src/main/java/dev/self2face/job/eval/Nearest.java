package dev.self2face.job.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Nearest neighbours in pixel space between two sets of images [n, 3, s, s] of the same size. */
final class Nearest {
    private Nearest() {
    }

    /** Squared L2 distances [queries, candidates]: |q|² − 2 q·c + |c|², one matrix product. */
    static INDArray squaredDistances(INDArray queries, INDArray candidates) {
        INDArray q = queries.castTo(DataType.DOUBLE).reshape(queries.size(0), -1);
        INDArray c = candidates.castTo(DataType.DOUBLE).reshape(candidates.size(0), -1);
        return q.mmul(c.transpose()).muli(-2)
                .addiColumnVector(q.mul(q).sum(true, 1))
                .addiRowVector(c.mul(c).sum(true, 1).reshape(1, c.size(0)));
    }

    /** For each query, the index of its nearest candidate. */
    static long[] indices(INDArray queries, INDArray candidates) {
        return Nd4j.argMin(squaredDistances(queries, candidates), 1).toLongVector();
    }

    /** For each query, the root-mean-square pixel difference to its nearest candidate. */
    static INDArray rmsDistances(INDArray queries, INDArray candidates) {
        INDArray d = squaredDistances(queries, candidates).min(1);
        long pixels = queries.length() / queries.size(0);
        return Transforms.sqrt(Transforms.max(d, 0.0, false).divi(pixels), false);
    }
}
