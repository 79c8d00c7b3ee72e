package dev.self2face.etl;

import dev.self2face.config.ConfigLoader;
import dev.self2face.etl.dataset.FaceAttributes;
import dev.self2face.etl.dataset.FaceMeasures;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.etl.face.Alignment;
import dev.self2face.etl.face.CanonicalFace;
import dev.self2face.etl.face.CascadeFaceAligner;
import dev.self2face.etl.face.FaceAligner;
import dev.self2face.etl.face.Png;
import dev.self2face.etl.face.landmarks.LandmarkFaceAligner;
import dev.self2face.etl.face.landmarks.LandmarkModels;
import dev.self2face.etl.face.landmarks.ShapePredictor;
import dev.self2face.storage.StorageSettings;
import dev.self2face.testing.EtlRunner;
import dev.self2face.testing.Media;
import dev.self2face.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.apache.spark.sql.functions.col;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ETL on the real Megamind.avi in Spark local mode: what comes out, where the eyes land, how it splits. */
class EtlMegamindTest extends SparkTest {
    @TempDir
    static Path tmp;
    static String out;
    static EtlJob.Result result;

    @BeforeAll
    void runEtl() throws Exception {
        out = tmp.resolve("megamind-ds").toString();
        result = EtlRunner.run(spark, List.of(Media.megamind().getPath()), out, "etl.size=128");
    }

    @Test
    void publishesPairsWithAManifestAndCountsThatAddUp() {
        Manifest m = result.manifest();
        assertEquals(0, result.exitCode());
        Manifest.Source s = m.sources.values().iterator().next();
        assertEquals("ok", s.status, "a clean video has no rejects: " + s.rejectReasons);
        assertEquals(270, s.framesDecoded);
        assertTrue(s.kept >= 40, "kept " + s.kept);
        long dropped = s.dropped.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(s.framesSampled, s.kept + dropped, "every sampled frame is kept or dropped for a reason");
        assertEquals(m.totals.pairs, m.totals.train + m.totals.val);
        assertTrue(new File(out, "_SUCCESS").isFile());
        assertTrue(new File(out, "_manifest.json").isFile());
    }

    @Test
    void readerSeesExactlyThePublishedPairs() {
        FacePairs pairs = FacePairs.read(spark, out);
        assertEquals(result.manifest().totals.train, pairs.split(PairSchema.TRAIN).count());
        assertEquals(result.manifest().totals.val, pairs.split(PairSchema.VAL).count());
        List<Row> rows = pairs.split(PairSchema.VAL).limit(4).collectAsList();
        assertEquals(4, rows.size());
        for (Row r : rows) {
            try (Mat face = Png.decode(r.getAs(PairSchema.FACE)); Mat cond = Png.decode(r.getAs(PairSchema.CONDITION));
                 Mat mean = new Mat(); Mat std = new Mat()) {
                assertEquals(3, face.channels());
                meanStdDev(face, mean, std);
                assertTrue(std.createIndexer().getDouble(0) > 12, "faces are not flat");
                assertTrue(countNonZero(cond) > 0.01 * cond.total(), "conditions have lines");
            }
        }
    }

    @Test
    void validationIsTheLastTenthOfTheKeptFacesByTime() {
        FacePairs pairs = FacePairs.read(spark, out);
        double lastTrain = 0;
        double firstVal = Double.MAX_VALUE;
        long n = 0;
        long val = 0;
        for (Row r : pairs.pairs().select(PairSchema.TIMESTAMP, PairSchema.SPLIT).collectAsList()) {
            n++;
            if (PairSchema.VAL.equals(r.getString(1))) {
                val++;
                firstVal = Math.min(firstVal, r.getDouble(0));
            } else {
                lastTrain = Math.max(lastTrain, r.getDouble(0));
            }
        }
        assertTrue(lastTrain < firstVal, "every val face comes after every train face: " + lastTrain + " / "
                + firstVal);
        assertEquals((long) Math.ceil(0.1 * n), val, "a tenth of " + n);
        assertEquals(val, result.manifest().totals.val);
    }

    /** Finds the landmarks again, independently, on the stored aligned faces: the eyes sit at the canonical places. */
    @Test
    void alignedEyesLieAtTheCanonicalPositions() throws Exception {
        CanonicalFace canonical = new CanonicalFace(128, 0.30, 0.40);
        ShapePredictor model = LandmarkModels.get(new File(Media.dir(), "shape_predictor_68_face_landmarks.dat")
                .getPath(), StorageSettings.from(ConfigLoader.load(List.of(), List.of())));
        List<Double> errors;
        try (LandmarkFaceAligner again = new LandmarkFaceAligner(model, canonical, 128, 32, 0.3)) {
            errors = eyeOffsets(again, canonical, FacePairs.read(spark, out).pairs().select(PairSchema.FACE)
                    .collectAsList());
        }
        assertTrue(errors.size() >= 40, "landmarks re-found in " + errors.size() / 2 + " faces");
        double median = errors.get(errors.size() / 2);
        System.out.printf("aligned eye offset: median %.2f px, 90th percentile %.2f px (of %d eyes)%n", median,
                errors.get(errors.size() * 9 / 10), errors.size());
        assertTrue(median <= 2.0, "median eye offset " + median + " px at 128 px");
    }

    /** The landmark sketch is drawn where the stored (aligned) landmarks are. */
    @Test
    void conditionIsTheLandmarkSketch() {
        int hits = 0;
        int total = 0;
        for (Row r : FacePairs.read(spark, out).pairs().select(PairSchema.CONDITION, PairSchema.LANDMARKS)
                .limit(10).collectAsList()) {
            List<Float> lm = r.getList(1);
            assertEquals(136, lm.size());
            try (Mat sketch = Png.decode(r.getAs(0))) {
                assertEquals(1, sketch.channels());
                var idx = sketch.<org.bytedeco.javacpp.indexer.UByteIndexer>createIndexer();
                for (int i = 0; i < 68; i++) {
                    int x = Math.round(lm.get(2 * i));
                    int y = Math.round(lm.get(2 * i + 1));
                    if (x >= 0 && y >= 0 && x < 128 && y < 128) {
                        total++;
                        if (idx.get(y, x) > 64) {
                            hits++;
                        }
                    }
                }
            }
        }
        assertTrue(total > 500 && hits > 0.9 * total, "sketch lit at " + hits + " of " + total + " landmarks");
    }

    /** The eye-cascade aligner with edge conditions stays available. */
    @Test
    void eyeCascadeAlignerWithEdgesStillWorks() throws Exception {
        String edges = tmp.resolve("megamind-edges").toString();
        EtlJob.Result r = EtlRunner.run(spark, List.of(Media.megamind().getPath()), edges, "etl.size=128",
                "etl.aligner=eyes", "etl.condition=edges");
        assertTrue(r.manifest().totals.pairs >= 40, "pairs " + r.manifest().totals.pairs);
        CanonicalFace canonical = new CanonicalFace(128, 0.30, 0.40);
        List<Row> rows = FacePairs.read(spark, edges).pairs().select(PairSchema.FACE, PairSchema.LANDMARKS)
                .collectAsList();
        rows.forEach(row -> assertTrue(row.isNullAt(1), "no landmarks without the landmark aligner"));
        List<Double> errors;
        try (CascadeFaceAligner again = new CascadeFaceAligner(canonical, 128, 32, 0.3)) {
            errors = eyeOffsets(again, canonical, rows);
        }
        assertTrue(errors.size() >= 40 && errors.get(errors.size() / 2) <= 4.0, "eye offsets " + errors);
    }

    /** Aligns the stored faces (column 0 of the rows) again; sorted distances of both eyes from their places. */
    private static List<Double> eyeOffsets(FaceAligner again, CanonicalFace canonical, List<Row> rows) {
        List<Double> errors = new ArrayList<>();
        for (Row r : rows) {
            try (Mat face = Png.decode(r.getAs(0))) {
                assertEquals(canonical.size(), face.cols());
                Alignment a = again.align(face);
                if (a.ok()) {
                    double[] e = a.eyes();
                    errors.add(Math.hypot(e[0] - canonical.leftEyeX(), e[1] - canonical.eyeYPx()));
                    errors.add(Math.hypot(e[2] - canonical.rightEyeX(), e[3] - canonical.eyeYPx()));
                    a.aligned().close();
                }
            }
        }
        errors.sort(Double::compare);
        return errors;
    }

    @Test
    void contactSheetIsAPicture() throws Exception {
        BufferedImage sheet = ImageIO.read(new File(out, "contact-sheet.png"));
        assertTrue(sheet.getWidth() > 500 && sheet.getHeight() > 150, sheet.getWidth() + "x" + sheet.getHeight());
    }

    /**
     * mouth_open, with the dataset's median as the threshold (the conditional model's default), labels the frames
     * chosen by looking ({@code attributes/megamind-mouth.csv}) as they look; the manifest records every attribute.
     */
    @Test
    void mouthOpenLabelsMatchFramesChosenByLooking() throws Exception {
        Dataset<Row> pairs = FacePairs.read(spark, out).pairs();
        double median = FaceAttributes.quantiles(pairs, List.of("mouth_open"), new double[] {0.5})
                .get("mouth_open")[0];
        List<Row> rows = FaceAttributes.withAttributes(pairs)
                .select(col(PairSchema.TIMESTAMP), FaceAttributes.attribute("mouth_open")).collectAsList();
        int open = 0;
        int closed = 0;
        for (String line : Files.readAllLines(Path.of(getClass().getResource("/attributes/megamind-mouth.csv")
                .toURI()))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            double t = Double.parseDouble(line.split(",")[0]);
            boolean looksOpen = line.endsWith("open");
            for (Row r : rows) {
                if (Math.abs(r.getDouble(0) - t) < 0.021) {
                    assertEquals(looksOpen, r.getDouble(1) > median, "frame at " + t + " s: mouth_open "
                            + r.getDouble(1) + ", median " + median);
                    open += looksOpen ? 1 : 0;
                    closed += looksOpen ? 0 : 1;
                }
            }
        }
        assertTrue(open >= 5 && closed >= 4, "labelled frames found in the dataset: open " + open + ", closed "
                + closed);
        Manifest.Attributes a = result.manifest().attributes;
        assertEquals(result.manifest().totals.pairs, a.faces);
        assertEquals(FaceMeasures.NAMES, List.copyOf(a.values.keySet()));
        assertEquals(median, a.values.get("mouth_open").get(2), 1e-4, "the manifest's p50");
        List<String> lines = dev.self2face.etl.dataset.DatasetStatus.attributes(result.manifest());
        assertEquals(2 + FaceMeasures.NAMES.size(), lines.size(), "inspect's table: " + lines);
        assertTrue(lines.get(1).contains("p50"), lines.get(1));
        assertTrue(lines.get(2).trim().startsWith("mouth_open") && lines.get(2).contains(String.format("%.3f",
                a.values.get("mouth_open").get(2))), "the median in inspect's mouth_open row: " + lines.get(2));
    }
}
