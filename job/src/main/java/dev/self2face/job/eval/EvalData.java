package dev.self2face.job.eval;

import dev.self2face.job.data.Batch;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.function.Supplier;

/**
 * What metrics measure on, fixed for a whole run: evenly spaced val pairs (the ETL's time-held-out frames) in
 * batches, the first val pairs (the grids' inputs), the number of samples a sample metric draws, the run's seed, and
 * the mean train face (computed on first use).
 */
public record EvalData(List<Batch> val, Batch fixed, int sampleCount, long seed, Supplier<INDArray> meanTrainFace) {
    public long valPairs() {
        return val.stream().mapToLong(Batch::size).sum();
    }
}
