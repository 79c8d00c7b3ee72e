package dev.self2face.job.train;

import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.job.data.AttributeLabels;
import dev.self2face.job.data.Batch;
import dev.self2face.job.data.FaceTensors;
import dev.self2face.job.data.SampleOrder;
import dev.self2face.job.data.SpilledRows;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pairs of a Spark run: the train split stays in the executors (read there from the dataset's Parquet, numbered
 * in pair-id order, persisted), only the val split (small) comes to the driver for evaluation and grids. The sample
 * order is the local trainer's ({@link SampleOrder}); a round takes the next workers × averaging-frequency
 * minibatches of that sequence.
 */
public final class DistributedPairs {
    private final JavaPairRDD<Long, Row> train;
    private final long trainCount;
    private final TrainingData driverSide;
    private final SampleOrder order;

    private DistributedPairs(JavaPairRDD<Long, Row> train, long trainCount, TrainingData driverSide, int batch,
                             long seed) {
        this.train = train;
        this.trainCount = trainCount;
        this.driverSide = driverSide;
        this.order = new SampleOrder(seed, Math.toIntExact(trainCount), batch);
    }

    /** Reads the dataset; with {@code labels} (a conditional model) only pairs with attributes, labelled. */
    public static DistributedPairs read(SparkSession spark, String uri, int size, int batch, long seed,
                                        AttributeLabels labels) {
        FacePairs pairs = FacePairs.read(spark, uri);
        JavaPairRDD<Long, Row> train = TrainingData.columns(pairs.split(PairSchema.TRAIN), labels)
                .orderBy(functions.col(PairSchema.ID)).javaRDD().zipWithIndex()
                .mapToPair(t -> new scala.Tuple2<>(t._2(), t._1()))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        long n = train.count();
        // the val split in a local file, not the heap (SpilledRows)
        List<Row> val = SpilledRows.ordered(TrainingData.columns(pairs.split(PairSchema.VAL), labels),
                PairSchema.ID);
        // a few evenly spaced train pairs for the mean train face (a baseline), not the split itself
        long stride = Math.max(1, n / 500);
        List<Row> sample = train.filter(t -> t._1() % stride == 0).values().collect();
        return new DistributedPairs(train, n, new TrainingData(new ArrayList<>(sample), val, size,
                Math.min(batch, Math.max(1, sample.size())), seed), batch, seed);
    }

    public JavaPairRDD<Long, Row> train() {
        return train;
    }

    public long trainCount() {
        return trainCount;
    }

    /** The val split and a train sample on the driver: val L1, grids, the mean-face baseline. */
    public TrainingData driverSide() {
        return driverSide;
    }

    /** Train indices of sample positions [from, from + count) of the run's {@link SampleOrder}. */
    public long[] positions(long from, int count) {
        return Arrays.stream(order.indices(from, count)).asLongStream().toArray();
    }

    public int epochOf(long position) {
        return order.epochOf(position);
    }

    static Batch batchOf(List<Row> rows, int size) {
        return FaceTensors.batch(rows, size);
    }
}
