package dev.self2face.job.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every seed a run derives from its one {@code training.seed}, in one place, so that local and Spark training, the
 * grids, the evaluation and {@code generate} agree, and a resumed run repeats the straight one.
 */
public final class Seeds {
    private Seeds() {
    }

    /** ND4J's generator at the start of a training step (or of a Spark round's minibatch at that step). */
    public static long step(long seed, long step) {
        return seed * 1_000_003L + step;
    }

    /** The shuffle of the train pairs for one epoch ({@link SampleOrder}). */
    static long epochOrder(long seed, int epoch) {
        return seed * 31 + epoch;
    }

    /** The fixed noise of a DCGAN run's sample grids: the same at every step and across resumes. */
    public static long fixedNoise(long seed) {
        return seed ^ 0x5EED;
    }

    /** ND4J's generator while grids and evaluations run G (dropout): the same at every step. */
    public static long sampling(long seed) {
        return seed ^ 0x6A1D;
    }

    /** {@code n} noise vectors z ~ N(0, 1) of length {@code zDim} from {@code seed}, as floats. */
    public static INDArray noise(long seed, long n, long zDim) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(new long[] {n, zDim})
                .castTo(DataType.FLOAT);
    }
}
