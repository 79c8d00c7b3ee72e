package dev.self2face.etl;

import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.etl.face.Png;
import dev.self2face.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A schema-version-1 dataset (no landmarks column, and no descriptor column, which version 3 added) is still read:
 * the newer columns come back null.
 */
class OldSchemaTest extends SparkTest {
    @TempDir
    Path tmp;

    @Test
    void versionOneDatasetsAreReadable() throws Exception {
        StructType v1 = new StructType(Arrays.stream(PairSchema.PAIRS.fields())
                .filter(f -> !f.name().equals(PairSchema.LANDMARKS) && !f.name().equals(PairSchema.DESCRIPTOR))
                .toArray(StructField[]::new));
        byte[] face;
        byte[] cond;
        try (Mat f = new Mat(64, 64, CV_8UC3, new Scalar(40, 80, 160, 0));
             Mat c = new Mat(64, 64, CV_8UC1, new Scalar(255))) {
            face = Png.encode(f);
            cond = Png.encode(c);
        }
        Row row = RowFactory.create("src1-00000001", "file:/v.mp4", "size=1", 0.5, 12L,
                RowFactory.create(1, 2, 3, 4), RowFactory.create(1.0, 2.0), RowFactory.create(3.0, 4.0),
                50.0, 7L, 64, cond, face, PairSchema.TRAIN, "src1");
        Path root = tmp.resolve("v1");
        Path dir = root.resolve("pairs/split=train/source_id=src1");
        spark.createDataFrame(List.of(row), v1).drop(PairSchema.SPLIT, PairSchema.SOURCE_ID).coalesce(1)
                .write().parquet(tmp.resolve("w").toString());
        Files.createDirectories(dir);
        Path part;
        try (var w = Files.list(tmp.resolve("w"))) {
            part = w.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.copy(part, dir.resolve("part-00000.parquet"));
        Manifest m = new Manifest();
        m.schemaVersion = 1;
        m.runId = "old";
        Manifest.Source s = new Manifest.Source();
        s.uri = "file:/v.mp4";
        s.kept = 1;
        s.train = 1;
        s.files = List.of("pairs/split=train/source_id=src1/part-00000.parquet");
        m.sources.put("src1", s);
        m.recomputeTotals();
        Files.write(root.resolve(DatasetPublisher.MANIFEST), m.toJson());
        Files.writeString(root.resolve(DatasetPublisher.SUCCESS), "old\n");

        FacePairs ds = FacePairs.read(spark, root.toString());
        List<Row> rows = ds.split(PairSchema.TRAIN).collectAsList();
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).isNullAt(rows.get(0).fieldIndex(PairSchema.LANDMARKS)));
        assertTrue(rows.get(0).isNullAt(rows.get(0).fieldIndex(PairSchema.DESCRIPTOR)));
        assertEquals("src1-00000001", rows.get(0).getAs(PairSchema.ID));
        try (Mat c = Png.decode(rows.get(0).getAs(PairSchema.CONDITION));
             Mat f = Png.decode(rows.get(0).getAs(PairSchema.FACE))) {
            assertEquals(255, c.ptr(5, 5).get() & 0xff);
            assertEquals(160, f.ptr(5, 5).get(2) & 0xff, "the face comes back as stored (BGR)");
        }
    }
}
