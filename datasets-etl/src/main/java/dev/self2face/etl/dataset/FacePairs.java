package dev.self2face.etl.dataset;

import dev.self2face.etl.face.Png;
import dev.self2face.etl.storage.Storage;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The typed reader of a published dataset: the pairs as a Spark Dataset (exactly the files the manifest lists) and
 * as ND4J arrays at a requested size. Refuses datasets without {@code _SUCCESS} or of an unknown schema version.
 */
public final class FacePairs {
    /** Schema versions this reader understands. */
    public static final int MIN_VERSION = 1;

    private final SparkSession spark;
    private final Path root;
    private final Manifest manifest;

    private FacePairs(SparkSession spark, Path root, Manifest manifest) {
        this.spark = spark;
        this.root = root;
        this.manifest = manifest;
    }

    public static FacePairs read(SparkSession spark, String uri) {
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        DatasetPublisher layout = new DatasetPublisher(storage, uri);
        try {
            if (!layout.published()) {
                throw new DatasetError("dataset " + uri + ": no " + DatasetPublisher.SUCCESS
                        + " (not a self2face dataset, or its ETL run did not finish)");
            }
            Manifest m = layout.readManifest();
            if (m == null) {
                throw new DatasetError("dataset " + uri + ": no " + DatasetPublisher.MANIFEST);
            }
            if (m.schemaVersion < MIN_VERSION || m.schemaVersion > PairSchema.VERSION) {
                throw new DatasetError("dataset " + uri + ": schema version " + m.schemaVersion
                        + " is not readable by this build (reads " + MIN_VERSION + ".." + PairSchema.VERSION + ")");
            }
            List<String> missing = layout.missingFiles(m);
            if (!missing.isEmpty()) {
                throw new DatasetError("dataset " + uri + " is damaged: " + missing.size() + " file(s) its manifest "
                        + "lists do not exist (first: " + missing.get(0) + "); run etl on it again to repair it");
            }
            return new FacePairs(spark, layout.root(), m);
        } catch (IOException e) {
            throw new DatasetError("dataset " + uri + ": " + e.getMessage());
        }
    }

    /** The dataset a commit is about to publish (its manifest written, no _SUCCESS yet): for the contact sheet. */
    static FacePairs beingPublished(SparkSession spark, Path root, Manifest manifest) {
        return new FacePairs(spark, root, manifest);
    }

    public Manifest manifest() {
        return manifest;
    }

    /** All pairs (both splits), with the columns of {@link PairSchema#PAIRS}. */
    public Dataset<Row> pairs() {
        return load(DatasetPublisher.PAIRS, PairSchema.PAIRS);
    }

    /** The pairs of one split ({@link PairSchema#TRAIN} or {@link PairSchema#VAL}). */
    public Dataset<Row> split(String split) {
        return pairs().where(functions.col(PairSchema.SPLIT).equalTo(split));
    }

    public Dataset<Row> rejects() {
        return load(DatasetPublisher.REJECTS, PairSchema.REJECTS);
    }

    private Dataset<Row> load(String dir, org.apache.spark.sql.types.StructType schema) {
        List<String> files = manifest.files(dir + "/");
        if (files.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        String[] paths = files.stream().map(f -> new Path(root, f).toString()).toArray(String[]::new);
        // the schema fixes the partition columns' types (inferred, a source_id of digits would read as a number)
        // and reads columns added by later schema versions as null from older datasets
        return spark.read().schema(schema).option("basePath", new Path(root, dir).toString()).parquet(paths);
    }

    /**
     * Condition and face images of the given rows as NCHW float arrays in [-1, 1], resized to {@code size}; one-
     * channel conditions are repeated to three channels. Runs wherever the rows are (driver or executor).
     *
     * @return {condition, face}, each [rows, 3, size, size], channels in RGB order
     */
    public static INDArray[] toArrays(List<Row> rows, int size) {
        float[] cond = new float[rows.size() * 3 * size * size];
        float[] face = new float[cond.length];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            fill(cond, i, Png.decode(r.getAs(PairSchema.CONDITION)), size);
            fill(face, i, Png.decode(r.getAs(PairSchema.FACE)), size);
        }
        long[] shape = {rows.size(), 3, size, size};
        return new INDArray[] {Nd4j.create(cond, shape, 'c'), Nd4j.create(face, shape, 'c')};
    }

    /**
     * Decoded images (BGR or grey Mats, e.g. the ETL's aligned face and condition of a photo) as one NCHW RGB array
     * in [-1, 1] at {@code size}, exactly as {@link #toArrays} prepares stored pairs. The Mats stay the caller's.
     */
    public static INDArray imagesToArray(List<Mat> images, int size) {
        float[] out = new float[images.size() * 3 * size * size];
        for (int i = 0; i < images.size(); i++) {
            fill(out, i, new Mat(images.get(i)), size);
        }
        return Nd4j.create(out, new long[] {images.size(), 3, size, size}, 'c');
    }

    private static void fill(float[] out, int n, Mat img, int size) {
        try (Mat m = img; Mat scaled = new Mat()) {
            resize(m, scaled, new Size(size, size), 0, 0, size < m.cols() ? INTER_AREA : INTER_LINEAR);
            int ch = scaled.channels();
            int plane = size * size;
            int base = n * 3 * plane;
            try (UByteIndexer idx = scaled.createIndexer()) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        for (int c = 0; c < 3; c++) {
                            // OpenCV stores BGR: channel c of RGB is index 2 - c
                            int v = ch == 1 ? idx.get(y, x, 0) : idx.get(y, x, 2 - c);
                            out[base + c * plane + y * size + x] = v / 127.5f - 1f;
                        }
                    }
                }
            }
        }
    }
}
