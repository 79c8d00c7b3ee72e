package dev.self2face.etl;

import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.FaceAttributes;
import dev.self2face.etl.dataset.FaceMeasures;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Datasets of older schema versions are still read: version 1 (no landmarks, no descriptor, no attributes) gives
 * null for the newer columns; version 3 (landmarks, no attributes column) gives the attributes derived from its
 * landmarks.
 */
class OldSchemaTest extends SparkTest {
    @TempDir
    Path tmp;

    @Test
    void versionOneDatasetsAreReadable() throws Exception {
        FacePairs ds = FacePairs.read(spark, publish("v1", 1, Set.of(PairSchema.LANDMARKS, PairSchema.DESCRIPTOR,
                PairSchema.ATTRIBUTES), null));
        List<Row> rows = ds.split(PairSchema.TRAIN).collectAsList();
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).isNullAt(rows.get(0).fieldIndex(PairSchema.LANDMARKS)));
        assertTrue(rows.get(0).isNullAt(rows.get(0).fieldIndex(PairSchema.DESCRIPTOR)));
        assertTrue(FaceAttributes.withAttributes(ds.pairs()).first().isNullAt(
                rows.get(0).fieldIndex(PairSchema.ATTRIBUTES)), "no landmarks, no attributes");
        assertEquals("src1-00000001", rows.get(0).getAs(PairSchema.ID));
        try (Mat c = Png.decode(rows.get(0).getAs(PairSchema.CONDITION));
             Mat f = Png.decode(rows.get(0).getAs(PairSchema.FACE))) {
            assertEquals(255, c.ptr(5, 5).get() & 0xff);
            assertEquals(160, f.ptr(5, 5).get(2) & 0xff, "the face comes back as stored (BGR)");
        }
    }

    @Test
    void versionThreeDatasetsGetAttributesFromTheirLandmarks() throws Exception {
        float[] landmarks = new float[136];
        for (int i = 0; i < 68; i++) {
            landmarks[2 * i] = 20 + (i * 37 % 61);
            landmarks[2 * i + 1] = 30 + (i * 53 % 71);
        }
        FacePairs ds = FacePairs.read(spark, publish("v3", 3, Set.of(PairSchema.ATTRIBUTES), landmarks));
        Row r = FaceAttributes.withAttributes(ds.pairs()).select(FaceAttributes.COLUMN + ".*").first();
        double[] expected = FaceMeasures.all(landmarks);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], r.getDouble(i), 1e-9, FaceMeasures.NAMES.get(i));
        }
    }

    /** A one-pair dataset of schema {@code version}: the current columns without {@code without}. */
    private String publish(String name, int version, Set<String> without, float[] landmarks) throws Exception {
        StructType schema = new StructType(Arrays.stream(PairSchema.PAIRS.fields())
                .filter(f -> !without.contains(f.name())).toArray(StructField[]::new));
        byte[] face;
        byte[] cond;
        try (Mat f = new Mat(64, 64, CV_8UC3, new Scalar(40, 80, 160, 0));
             Mat c = new Mat(64, 64, CV_8UC1, new Scalar(255))) {
            face = Png.encode(f);
            cond = Png.encode(c);
        }
        List<Object> values = new ArrayList<>(List.of("src1-00000001", "file:/v.mp4", "size=1", 0.5, 12L,
                RowFactory.create(1, 2, 3, 4), RowFactory.create(1.0, 2.0), RowFactory.create(3.0, 4.0)));
        if (!without.contains(PairSchema.LANDMARKS)) {
            Float[] boxed = new Float[landmarks.length];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = landmarks[i];
            }
            values.add(boxed);
        }
        if (!without.contains(PairSchema.DESCRIPTOR)) {
            values.add(null);
        }
        values.addAll(List.of(50.0, 7L, 64, cond, face, PairSchema.TRAIN, "src1"));
        Row row = RowFactory.create(values.toArray());
        Path root = tmp.resolve(name);
        Path dir = root.resolve("pairs/split=train/source_id=src1");
        spark.createDataFrame(List.of(row), schema).drop(PairSchema.SPLIT, PairSchema.SOURCE_ID).coalesce(1)
                .write().parquet(tmp.resolve(name + "-w").toString());
        Files.createDirectories(dir);
        Path part;
        try (var w = Files.list(tmp.resolve(name + "-w"))) {
            part = w.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.copy(part, dir.resolve("part-00000.parquet"));
        Manifest m = new Manifest();
        m.schemaVersion = version;
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
        return root.toString();
    }
}
