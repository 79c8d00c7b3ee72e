package dev.self2face.job.train;

import dev.self2face.config.ConfigError;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.job.data.AttributeLabels;
import dev.self2face.job.data.Batch;
import dev.self2face.job.eval.EvalData;
import dev.self2face.job.eval.FaceJudge;
import dev.self2face.storage.Storage;
import dev.self2face.job.data.FaceTensors;
import dev.self2face.job.data.PairSample;
import dev.self2face.job.data.SampleOrder;
import dev.self2face.job.data.SpilledRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The pairs a local run trains on, read once through the datasets-etl reader (train split for training, val split
 * for evaluation and sample grids), kept as PNG bytes in a local file ({@link SpilledRows}: the heap holds one offset
 * per pair, whatever the dataset's size) and decoded at the model's size batch by batch, in the run's
 * {@link SampleOrder}: step s takes sample positions s·batch … s·batch + batch − 1.
 */
public final class TrainingData implements AutoCloseable {
    private final List<Row> train;
    private final List<Row> val;
    private final int size;
    private final int batch;
    private final SampleOrder order;

    TrainingData(List<Row> train, List<Row> val, int size, int batch, long seed) {
        if (train.size() < batch) {
            throw new ConfigError("training.batch = " + batch + ": larger than the dataset's train split ("
                    + train.size() + " pairs)");
        }
        this.train = train;
        this.val = val;
        this.size = size;
        this.batch = batch;
        this.order = new SampleOrder(seed, train.size(), batch);
    }

    /** Train pairs (evenly spaced) the retrieval baseline and the memorisation metric search. */
    static final int TRAIN_SAMPLE = 1000;

    /**
     * What a run's metrics measure on ({@link EvalData}): the same for the run itself and for any model measured
     * next to it on this data with these settings (the pipeline's live model).
     */
    public EvalData evalData(TrainSettings t, Storage storage) {
        return new EvalData(valBatches(t.evalPairs()), fixedSamples(t.sampleCount()), t.sampleCount(),
                t.evalSamples(), t.seed(), () -> meanTrainFace(2000), () -> trainSample(TRAIN_SAMPLE),
                () -> FaceJudge.load("training.face-api", t.faceApi(), storage));
    }

    /** The rows of both splits as training reads them (id, condition, face; labels for a conditional model). */
    public record Rows(List<Row> train, List<Row> val) {
    }

    /**
     * Both splits, spilled in id order and published under {@code dir} on storage, for a sweep's trials to open in
     * their own JVMs ({@link SharedRows#open}) instead of receiving every pair from the driver.
     */
    public static SharedRows share(SparkSession spark, String uri, AttributeLabels labels, Storage storage,
                                   String dir) throws java.io.IOException {
        FacePairs pairs = FacePairs.read(spark, uri);
        for (String split : List.of(PairSchema.TRAIN, PairSchema.VAL)) {
            try (SpilledRows rows = spill(pairs, split, labels)) {
                rows.publish(storage, Storage.path(dir), split);
            }
        }
        return new SharedRows(dir);
    }

    /** The training data of rows read before, for a run of this size, batch and seed. */
    public static TrainingData of(Rows rows, int size, int batch, long seed) {
        return new TrainingData(rows.train(), rows.val(), size, batch, seed);
    }

    /** Reads both splits (an unconditional model's). */
    public static TrainingData read(SparkSession spark, String uri, int size, int batch, long seed) {
        return read(spark, uri, size, batch, seed, null);
    }

    /**
     * Reads both splits (ordered by pair id, so every run sees the same order) into local files; with
     * {@code labels} (a conditional model) only pairs with attributes, labelled.
     */
    public static TrainingData read(SparkSession spark, String uri, int size, int batch, long seed,
                                    AttributeLabels labels) {
        FacePairs pairs = FacePairs.read(spark, uri);
        SpilledRows train = spill(pairs, PairSchema.TRAIN, labels);
        SpilledRows val = null;
        try {
            val = spill(pairs, PairSchema.VAL, labels);
            return new TrainingData(train, val, size, batch, seed);
        } catch (RuntimeException e) {
            train.close();
            if (val != null) {
                val.close();
            }
            throw e;
        }
    }

    private static SpilledRows spill(FacePairs pairs, String split, AttributeLabels labels) {
        return SpilledRows.ordered(columns(pairs.split(split), labels), PairSchema.ID);
    }

    /** Bytes of the local copies of the pairs (0 for rows held in memory). */
    public long localBytes() {
        long n = 0;
        for (List<Row> rows : List.of(train, val)) {
            if (rows instanceof SpilledRows spilled) {
                n += spilled.bytes();
            }
        }
        return n;
    }

    /** Deletes the local copies of the pairs (of a dataset read by {@link #read}). */
    @Override
    public void close() {
        for (List<Row> rows : List.of(train, val)) {
            if (rows instanceof SpilledRows spilled) {
                spilled.close();
            }
        }
    }

    /** The columns training reads: id, condition, face, and the labels of a conditional model. */
    static Dataset<Row> columns(Dataset<Row> pairs, AttributeLabels labels) {
        if (labels == null) {
            return pairs.select(PairSchema.ID, PairSchema.CONDITION, PairSchema.FACE);
        }
        return labels.withLabels(pairs).select(PairSchema.ID, PairSchema.CONDITION, PairSchema.FACE,
                AttributeLabels.COLUMN);
    }

    public int trainPairs() {
        return train.size();
    }

    public int valPairs() {
        return val.size();
    }

    /** The epoch (0-based) that the 0-based {@code step} belongs to. */
    public int epochOf(long step) {
        return order.epochOf(step * batch);
    }

    /** The batch of the 0-based {@code step}. */
    public Batch batch(long step) {
        List<Row> rows = new ArrayList<>(batch);
        for (int i : order.indices(step * batch, batch)) {
            rows.add(train.get(i));
        }
        return FaceTensors.batch(rows, size);
    }

    /**
     * The first {@code n} val pairs (by id): the fixed inputs of pix2pix's sample grids. A dataset without a val split
     * (a very short video) falls back to the first train pairs.
     */
    public Batch fixedSamples(int n) {
        List<Row> from = val.isEmpty() ? train : val;
        return FaceTensors.batch(from.subList(0, Math.min(n, from.size())), size);
    }

    /** At most {@code limit} val pairs, evenly spaced, in batches of at most {@code batch}, for evaluation. */
    public List<Batch> valBatches(int limit) {
        int stride = Math.max(1, (val.size() + limit - 1) / limit);
        List<Row> chosen = new ArrayList<>();
        for (int i = 0; i < val.size(); i += stride) {
            chosen.add(val.get(i));
        }
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i += batch) {
            out.add(FaceTensors.batch(chosen.subList(i, Math.min(chosen.size(), i + batch)), size));
        }
        return out;
    }

    /** At most {@code limit} evenly spaced train pairs: the search space of the retrieval and memorisation metrics. */
    public PairSample trainSample(int limit) {
        return PairSample.evenlySpaced(train, limit);
    }

    /** The mean train face (over at most {@code limit} evenly spaced pairs) at the model's size: [1, 3, s, s]. */
    public INDArray meanTrainFace(int limit) {
        int step = Math.max(1, train.size() / limit);
        INDArray sum = null;
        int n = 0;
        for (int i = 0; i < train.size(); i += step * 64) {
            List<Row> rows = new ArrayList<>();
            for (int j = i; j < Math.min(train.size(), i + step * 64); j += step) {
                rows.add(train.get(j));
            }
            INDArray faces = FaceTensors.batch(rows, size).image();
            INDArray s = faces.sum(true, 0);
            sum = sum == null ? s : sum.addi(s);
            n += rows.size();
        }
        return sum.divi(n);
    }
}
