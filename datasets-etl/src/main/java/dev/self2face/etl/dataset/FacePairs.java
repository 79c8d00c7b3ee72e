package dev.self2face.etl.dataset;

import dev.self2face.storage.Storage;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.util.List;


/**
 * The typed reader of a published dataset: the pairs as a Spark Dataset (exactly the files the manifest lists). Refuses datasets without {@code _SUCCESS} or of an unknown schema version.
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
        // Spark globs the paths it reads: a root named "[draft] faces" must not be read as a pattern
        String[] paths = files.stream().map(f -> Storage.globEscape(new Path(root, f))).toArray(String[]::new);
        // the schema fixes the partition columns' types (inferred, a source_id of digits would read as a number)
        // and reads columns added by later schema versions as null from older datasets
        return spark.read().schema(schema).option("basePath", new Path(root, dir).toString()).parquet(paths);
    }
}
