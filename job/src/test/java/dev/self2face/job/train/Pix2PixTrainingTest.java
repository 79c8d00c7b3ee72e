package dev.self2face.job.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.job.notebooks.Notebooks;
import dev.self2face.job.report.Chromium;
import dev.self2face.testing.Media;
import dev.self2face.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pix2pix run at 64x64 on the real Megamind pairs is published with everything it promises, and translate works
 * on condition images and on a real photo. (That it learns, in the README's 300 steps, is asserted on the README's
 * own run: {@code ReadmeExamplesIT}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pix2PixTrainingTest {
    static final int STEPS = 100;
    @TempDir
    Path tmp;
    Path run;

    @BeforeAll
    void train() throws Exception {
        run = Files.createTempDirectory("pix2pix-run");
        Files.delete(run);
        Runs.Result r = Runs.cli(Runs.concat(List.of("train", "--model", "pix2pix", "--data", MegamindDataset.path(), "--out",
                run.toString(), "--steps", String.valueOf(STEPS), "--batch", "8", "--set", "training.log-every=20",
                "--set", "training.sample-every=40", "--set", "training.checkpoint-every=50"),
                MegamindDataset.smallModel("pix2pix").toArray(String[]::new)));
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void publishesEverythingWithSuccessLast() throws Exception {
        for (String f : List.of("_SUCCESS", "run.json", "config.json", "metrics.jsonl", "loss.png", "grid.png",
                "generator.zip", "discriminator.zip", "evaluation.json", "report.html", "cases.json",
                "cases/best.png", "cases/worst.png", "samples/step-00000040.png",
                "samples/step-00000100.png")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        long success = Files.getLastModifiedTime(run.resolve("_SUCCESS")).toMillis();
        try (var files = Files.walk(run)) {
            // (Hadoop's local filesystem writes a .NAME.crc checksum next to each file, after it)
            files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("checkpoints"))
                    .filter(p -> !p.getFileName().toString().endsWith(".crc"))
                    .forEach(p -> assertTrue(uncheckedMtime(p) <= success, p + " written after _SUCCESS"));
        }
        List<JsonNode> m = Runs.metrics(run);
        assertEquals(1 + STEPS / 20, m.size(), "step 1 and every 20th");
        for (JsonNode line : m) {
            for (String k : List.of("step", "epoch", "loss_D_real", "loss_D_fake", "loss_G_GAN", "loss_G_L1", "D_x",
                    "D_G_z", "images_per_s", "lr", "wall_s")) {
                assertTrue(line.has(k), k + " in " + line);
            }
        }
        List<JsonNode> evaluations = Runs.evaluations(run);
        JsonNode last = evaluations.get(evaluations.size() - 1);
        assertEquals(STEPS, last.get("step").asInt());
        for (String k : List.of("val_l1", "val_psnr", "val_ssim", "val_ms_ssim")) {
            assertTrue(last.has(k), k + " in " + last);
        }
        JsonNode e = Runs.json(run.resolve("evaluation.json"));
        for (String k : List.of("val_ssim_untrained", "val_ssim_mean_face", "val_ssim_retrieval", "val_l1_retrieval")) {
            assertTrue(Double.isFinite(e.get(k).asDouble()), k + " in " + e);
        }
        BufferedImage grid = ImageIO.read(run.resolve("grid.png").toFile());
        assertTrue(grid.getWidth() > 6 * 64 && grid.getHeight() > 4 * 64, grid.getWidth() + "x" + grid.getHeight());
    }

    @Test
    void theReportOpensInABrowserWithEveryImageAndNoScriptError() throws Exception {
        Path html = run.resolve("report.html");
        String page = Files.readString(html);
        for (String section : List.of("id=\"warnings\"", "id=\"metrics\"", "id=\"plots\"", "id=\"grids\"",
                "id=\"cases\"", "id=\"dataset\"", "id=\"config\"", "val_ssim", "retrieval")) {
            assertTrue(page.contains(section), section);
        }
        assertTrue(!page.contains("http://") && !page.contains("https://"), "self-contained: no network");
        // losses, D outputs, 4 val metrics (+ sample_change), throughput, 3 grids, 3 case sheets, contact sheet
        assertTrue(Chromium.assertImagesDecodeWithoutErrors(html) >= 14);

        Path rebuilt = tmp.resolve("rebuilt.html");
        Runs.Result r = Runs.cli(List.of("report", run.toString(), "--out", rebuilt.toString()));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.readString(rebuilt).contains("published"));
        Chromium.assertImagesDecodeWithoutErrors(rebuilt);
    }

    @Test
    void theNotebooksRunOnThisRunAndItsDataset() throws Exception {
        Path export = tmp.resolve("export");
        Runs.Result r = Runs.cli(List.of("inspect", MegamindDataset.path(), "--export", export.toString(),
                "--export-pairs", "8"));
        assertEquals(0, r.exitCode(), r.err());
        List<String> csv = Files.readAllLines(export.resolve("pairs.csv"));
        assertEquals(1 + 16, csv.size(), "a header and 8 pairs of each split");
        assertTrue(csv.get(1).split(",")[8].split(" ").length == 136, "68 landmarks: " + csv.get(1));
        Path out = Files.createDirectories(tmp.resolve("executed"));
        Path dataset = Notebooks.execute(Notebooks.dir().resolve("dataset.ipynb"), out,
                Map.of("SELF2FACE_EXPORT", export.toString()));
        Path runNb = Notebooks.execute(Notebooks.dir().resolve("run.ipynb"), out, Map.of("SELF2FACE_RUN",
                run.toString()));
        for (Path nb : List.of(dataset, runNb)) {
            String executed = Files.readString(nb);
            assertTrue(executed.contains("image/png"), nb + " drew its plots");
            assertTrue(!executed.contains("\"output_type\": \"error\""), nb + " ran without an error");
        }
    }

    static long uncheckedMtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void translatesConditionImagesAndAPhoto() throws Exception {
        Path conditions = Files.createDirectories(tmp.resolve("conditions"));
        SparkSession spark = SparkTest.session("local[2]");
        try {
            List<Row> rows = FacePairs.read(spark, MegamindDataset.path()).split(PairSchema.VAL)
                    .select(PairSchema.ID, PairSchema.CONDITION).limit(3).collectAsList();
            for (Row r : rows) {
                Files.write(conditions.resolve(r.getString(0) + ".png"), (byte[]) r.get(1));
            }
        } finally {
            spark.stop();
        }
        Path out = tmp.resolve("translated");
        Runs.Result r = Runs.cli(List.of("translate", "--model", run.toString(), "--input", conditions.toString(),
                "--out", out.toString()));
        assertEquals(0, r.exitCode(), r.err());
        try (var files = Files.list(out)) {
            assertEquals(3, files.filter(p -> p.toString().endsWith(".png")).count());
        }
        // a portrait made from messi5.jpg: the 120x120 pixels around its face (a 36-pixel face), scaled 3x
        Path photoFile = tmp.resolve("messi5.png");
        try (Mat m = imread(Media.messi().getPath()); Mat big = new Mat()) {
            resize(new Mat(m, new Rect(185, 53, 120, 120)), big, new Size(360, 360));
            imwrite(photoFile.toString(), big);
        }
        Runs.Result photo = Runs.cli(List.of("translate", "--model", run.toString(), "--input",
                photoFile.toString(), "--out", out.toString()));
        assertEquals(0, photo.exitCode(), photo.err());
        BufferedImage face = ImageIO.read(out.resolve("messi5.png").toFile());
        assertEquals(64, face.getWidth());
        BufferedImage cond = ImageIO.read(out.resolve("messi5-condition.png").toFile());
        assertTrue(brightFraction(cond) > 0.01 && brightFraction(cond) < 0.3, "a landmark sketch: "
                + brightFraction(cond));
    }

    static double brightFraction(BufferedImage img) {
        int bright = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xff) > 128) {
                    bright++;
                }
            }
        }
        return bright / (double) (img.getWidth() * img.getHeight());
    }
}
