package dev.self2face.job.bench;

import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.dataset.PairRows;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.etl.face.Png;
import dev.self2face.storage.Storage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A dataset of n pairs made from the pairs of a real one, for {@code bench scale}: pair i is real pair i mod k with
 * its face changed in one random 16 px block (so that every PNG differs and compresses as a face does), its
 * perceptual hash a few bits off and its descriptor a little noise off; 1,000 pairs per video, a frame every
 * 0.4 s, every tenth pair in val. Written and published the way the ETL publishes (pairs under {@code _tmp}, moved
 * in, the manifest listing them, {@code _SUCCESS} last).
 */
final class ScaleDataset {
    static final int PAIRS_PER_VIDEO = 1000;

    private ScaleDataset() {
    }

    /** Writes the n pairs under {@code out}; returns the manifest, not yet published. */
    static Written write(SparkSession spark, Storage storage, String from, String out, int n, long seed)
            throws IOException {
        List<Row> real = FacePairs.read(spark, from).pairs().orderBy(PairSchema.ID).collectAsList();
        if (real.isEmpty()) {
            throw new IllegalArgumentException("dataset " + from + " has no pairs to make a scale dataset from");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<List<Row>> seedRows = sc.broadcast(new ArrayList<>(real));
        int parts = Math.max(2, n / 500);
        JavaRDD<Row> rows = sc.parallelize(IntStream.range(0, n).boxed().toList(), parts)
                .map(i -> variant(seedRows.value(), i, seed));
        String runId = "scale-" + n;
        DatasetPublisher publisher = new DatasetPublisher(storage, out);
        Map<String, PairRows.SplitCounts> counts = PairRows.writePairs(spark, rows, publisher.tmp(runId));
        publisher.beginCommit();
        List<String> moved = publisher.moveIn(runId);
        Manifest m = new Manifest();
        m.runId = runId;
        m.createdAt = Instant.now().toString();
        m.sampleIntervalSec = 0.4;
        counts.forEach((source, c) -> {
            Manifest.Source s = new Manifest.Source();
            s.uri = "synthetic:" + source;
            s.fingerprint = source;
            s.runId = runId;
            s.status = "ok";
            s.durationSec = PAIRS_PER_VIDEO * 0.4;
            s.train = c.train();
            s.val = c.val();
            s.kept = c.train() + c.val();
            String marker = "source_id=" + source + "/";
            s.files = moved.stream().filter(f -> f.contains(marker)).sorted().toList();
            m.sources.put(source, s);
        });
        m.recomputeTotals();
        return new Written(publisher, m, runId);
    }

    /** The written dataset's publisher, manifest and run id, to publish once its commit stages are measured. */
    record Written(DatasetPublisher publisher, Manifest manifest, String runId) {
    }

    private static Row variant(List<Row> real, int i, long seed) {
        Row r = real.get(i % real.size());
        Random rnd = new Random(seed * 1_000_003L + i);
        Object[] v = new Object[r.length()];
        for (int f = 0; f < v.length; f++) {
            v[f] = r.get(f);
        }
        String source = String.format("scale%04d", i / PAIRS_PER_VIDEO);
        int k = i % PAIRS_PER_VIDEO;
        v[r.fieldIndex(PairSchema.ID)] = String.format("%s-%06d", source, k);
        v[r.fieldIndex(PairSchema.SOURCE_ID)] = source;
        v[r.fieldIndex(PairSchema.SOURCE_URI)] = "synthetic:" + source;
        v[r.fieldIndex(PairSchema.SOURCE_FINGERPRINT)] = source;
        v[r.fieldIndex(PairSchema.TIMESTAMP)] = k * 0.4;
        v[r.fieldIndex(PairSchema.FRAME_INDEX)] = (long) k * 10;
        v[r.fieldIndex(PairSchema.SPLIT)] = k % 10 == 9 ? PairSchema.VAL : PairSchema.TRAIN;
        v[r.fieldIndex(PairSchema.PHASH)] = r.getLong(r.fieldIndex(PairSchema.PHASH))
                ^ (1L << rnd.nextInt(64)) ^ (1L << rnd.nextInt(64));
        int d = r.fieldIndex(PairSchema.DESCRIPTOR);
        if (!r.isNullAt(d)) {
            List<Object> desc = r.getList(d);
            Float[] out = new Float[desc.size()];
            for (int j = 0; j < out.length; j++) {
                out[j] = (float) (((Number) desc.get(j)).doubleValue() + 0.01 * rnd.nextGaussian());
            }
            v[d] = out;
        }
        v[r.fieldIndex(PairSchema.FACE)] = changedBlock(r.getAs(PairSchema.FACE), rnd);
        return RowFactory.create(v);
    }

    /** The face with one random 16 x 16 block brightened or darkened. */
    private static byte[] changedBlock(byte[] png, Random rnd) {
        try (Mat face = Png.decode(png); UByteIndexer px = face.createIndexer()) {
            int side = Math.min(16, Math.min(face.rows(), face.cols()));
            int y0 = rnd.nextInt(face.rows() - side + 1);
            int x0 = rnd.nextInt(face.cols() - side + 1);
            int delta = rnd.nextBoolean() ? 24 : -24;
            for (int y = y0; y < y0 + side; y++) {
                for (int x = x0; x < x0 + side; x++) {
                    for (int c = 0; c < face.channels(); c++) {
                        px.put(y, x, c, Math.max(0, Math.min(255, px.get(y, x, c) + delta)));
                    }
                }
            }
            return Png.encode(face);
        }
    }
}
