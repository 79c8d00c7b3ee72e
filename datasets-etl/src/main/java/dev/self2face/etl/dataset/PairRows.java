package dev.self2face.etl.dataset;

import dev.self2face.storage.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/** Rows of the pairs and rejects tables, and writing them (partitioned) under a run's temporary location. */
public final class PairRows {
    private PairRows() {
    }

    public static Row pair(String id, String sourceId, String sourceUri, String fingerprint, double tSec,
                           long frameIndex, int[] box, double[] eyes, float[] landmarks, float[] descriptor,
                           double sharpness, long phash, int size, byte[] condition, byte[] face, String split) {
        return RowFactory.create(id, sourceUri, fingerprint, tSec, frameIndex,
                RowFactory.create(box[0], box[1], box[2], box[3]),
                RowFactory.create(eyes[0], eyes[1]), RowFactory.create(eyes[2], eyes[3]), boxed(landmarks),
                boxed(descriptor), attributes(landmarks), sharpness, phash, size, condition, face, split, sourceId);
    }

    /** The face's measures as the {@link PairSchema#ATTRIBUTES} struct; null without landmarks. */
    static Row attributes(float[] landmarks) {
        if (landmarks == null) {
            return null;
        }
        return FaceAttributes.row(FaceMeasures.all(landmarks));
    }

    private static Float[] boxed(float[] v) {
        if (v == null) {
            return null;
        }
        Float[] out = new Float[v.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    public static Row reject(String sourceId, String sourceUri, String stage, String reason, String runId) {
        return RowFactory.create(sourceUri, stage, reason == null ? "unknown" : reason,
                new Timestamp(System.currentTimeMillis()), runId, sourceId);
    }

    /** How many pairs of a source went to each split. */
    public record SplitCounts(long train, long val) {
        public static final SplitCounts NONE = new SplitCounts(0, 0);

        SplitCounts plus(String split, long n) {
            return PairSchema.TRAIN.equals(split) ? new SplitCounts(train + n, val) : new SplitCounts(train, val + n);
        }
    }

    /**
     * Writes the pairs under {@code tmp/pairs/split=…/source_id=…/} (one file per source and split) and returns,
     * per source, how many went to each split.
     */
    public static Map<String, SplitCounts> writePairs(SparkSession spark, JavaRDD<Row> rows, Path tmp) {
        Dataset<Row> df = spark.createDataFrame(rows, PairSchema.PAIRS)
                .repartition(col(PairSchema.SOURCE_ID), col(PairSchema.SPLIT));
        df.write().mode(SaveMode.ErrorIfExists).partitionBy(PairSchema.SPLIT, PairSchema.SOURCE_ID)
                .parquet(new Path(tmp, DatasetPublisher.PAIRS).toString());
        Map<String, SplitCounts> counts = new HashMap<>();
        Path dir = new Path(tmp, DatasetPublisher.PAIRS);
        try {
            FileStatus[] files = dir.getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .globStatus(new Path(Storage.globEscape(dir) + "/*/*/*.parquet"));
            if (files == null || files.length == 0) {
                return counts; // no pairs at all (every input rejected)
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // read back with the schema: Spark would otherwise infer partition types, and a source_id of digits (or
        // digits and one 'e') would come back as a number that matches no source
        Dataset<Row> written = spark.read().schema(PairSchema.PAIRS).parquet(Storage.globEscape(dir));
        for (Row r : written.groupBy(PairSchema.SOURCE_ID, PairSchema.SPLIT).count().collectAsList()) {
            counts.merge(r.getString(0), SplitCounts.NONE.plus(r.getString(1), r.getLong(2)),
                    (a, b) -> new SplitCounts(a.train() + b.train(), a.val() + b.val()));
        }
        return counts;
    }

    public static void writeRejects(SparkSession spark, List<Row> rejects, Path tmp) {
        if (rejects.isEmpty()) {
            return;
        }
        spark.createDataFrame(rejects, PairSchema.REJECTS).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .partitionBy(PairSchema.SOURCE_ID).parquet(new Path(tmp, DatasetPublisher.REJECTS).toString());
    }
}
