package dev.self2face.job.cli;

import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.job.bench.TorchReference;
import dev.self2face.job.train.MegamindDataset;
import dev.self2face.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FilenameFilter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `bench train` end to end as a user runs it (one timed step of a tiny network per model): the Markdown table
 * docs/BENCHMARKS.md takes, with a speed, the FLOPs counted from the layers, ND4J's GEMM measured in the same run,
 * and the machine.
 */
class BenchCommandsTest {

    static String run(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            StringWriter err = new StringWriter();
            assertEquals(0, Main.run(new PrintWriter(err, true), args), err.toString());
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void benchScaleTimesEachStageAtEachSizeWithItsGrowthExponentAndPlotsThem(@TempDir Path tmp) throws Exception {
        String out = run("bench", "scale", "--from", MegamindDataset.path(), "--out", tmp.toString(), "--sizes",
                "100,300", "--size", "64", "--batch", "4", "--set", "spark.master=local[2]",
                "--set", "spark.conf.\"spark.ui.enabled\"=false");
        for (String stage : List.of("attribute summary", "contact sheet", "inspect", "read pairs for training",
                "an epoch's input", "evaluation inputs", "sweep start-up", "near-duplicates", "identity clustering",
                "repeats")) {
            Matcher row = Pattern.compile("(?m)^\\| " + Pattern.quote(stage) + "[^|]* \\(s\\) \\| ([0-9.]+) \\| "
                    + "([0-9.]+) \\| (-?[0-9.]+|NaN) \\|$").matcher(out);
            assertTrue(row.find(), stage + " timed at both sizes with an exponent: " + out);
        }
        for (int n : new int[] {100, 300}) {
            Manifest m = new DatasetPublisher(new Storage(new org.apache.hadoop.conf.Configuration()),
                    tmp.resolve("n" + n).toString()).readManifest();
            assertEquals(n, m.totals.pairs, "a published dataset of " + n + " pairs");
            assertEquals(n / 10, m.totals.val, "every tenth pair in val");
        }
        Matcher copy = Pattern.compile("(?m)^\\| training's local copy \\(MB\\) \\| ([0-9.]+) \\| ([0-9.]+) \\|")
                .matcher(out);
        assertTrue(copy.find(), out);
        double ratio = Double.parseDouble(copy.group(2)) / Double.parseDouble(copy.group(1));
        assertTrue(ratio > 2.4 && ratio < 3.6, "training's copy of the pairs on local disk grows with n: " + out);
        java.awt.image.BufferedImage plot = javax.imageio.ImageIO.read(tmp.resolve("scale.png").toFile());
        assertEquals(900, plot.getWidth());
        assertTrue(Files.readString(tmp.resolve("scale.md")).contains("growth exponent"));
    }

    /**
     * `bench videos`: the hours asked for, cut into the videos asked for, each a distortion of the source's frames
     * of its own (not a copy of the source, not of each other), written complete or not at all, kept when there.
     */
    @Test
    void benchVideosWritesTheHoursAsDistinctWarpedVideosOfTheRealFrames(@TempDir Path tmp) throws Exception {
        java.io.File source = dev.self2face.testing.Media.megamind();
        String out = run("bench", "videos", "--input", source.getPath(), "--hours", String.valueOf(12 / 3600.0),
                "--videos", "2", "--out", tmp.toString());
        List<String> files = out.lines().toList();
        assertEquals(2, files.size(), out);
        try (java.util.stream.Stream<Path> s = Files.list(tmp)) {
            assertEquals(2, s.count(), "no partial file left beside the two videos");
        }
        // frame 100 (4 s in): the sample's first frames are titles on black, which no warp changes
        int[][] frames = new int[3][];
        frames[2] = green(source, 100, null);
        for (int i = 0; i < 2; i++) {
            int[] count = new int[1];
            frames[i] = green(new java.io.File(files.get(i)), 100, count);
            assertEquals(6 * 23.976, count[0], 1.5, "each video holds half of 12 s: " + files.get(i));
        }
        assertTrue(meanDifference(frames[0], frames[2]) > 4 && meanDifference(frames[1], frames[2]) > 4,
                "frames distorted, not copied from the source: " + meanDifference(frames[0], frames[2]) + ", "
                        + meanDifference(frames[1], frames[2]));
        assertTrue(meanDifference(frames[0], frames[1]) > 4, "each video has a distortion of its own: "
                + meanDifference(frames[0], frames[1]));
        long modified = Files.getLastModifiedTime(Path.of(files.get(0))).toMillis();
        run("bench", "videos", "--input", source.getPath(), "--hours", String.valueOf(12 / 3600.0), "--videos", "2",
                "--out", tmp.toString());
        assertEquals(modified, Files.getLastModifiedTime(Path.of(files.get(0))).toMillis(), "a finished video kept");
    }

    /** The green channel of frame {@code index} of a video; {@code count[0]} gets its frame count if given. */
    private static int[] green(java.io.File video, int index, int[] count) throws Exception {
        try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(video)) {
            g.start();
            int[] pixels = null;
            int n = 0;
            org.bytedeco.javacv.Frame f;
            while ((f = g.grabImage()) != null) {
                if (n == index) {
                    java.awt.image.BufferedImage img = new org.bytedeco.javacv.Java2DFrameConverter().convert(f);
                    pixels = new int[img.getWidth() * img.getHeight()];
                    for (int y = 0; y < img.getHeight(); y++) {
                        for (int x = 0; x < img.getWidth(); x++) {
                            pixels[y * img.getWidth() + x] = (img.getRGB(x, y) >> 8) & 0xff;
                        }
                    }
                    if (count == null) {
                        return pixels;
                    }
                }
                n++;
            }
            count[0] = n;
            return pixels;
        }
    }

    /** Mean absolute difference of two images' pixels (grey levels). */
    private static double meanDifference(int[] a, int[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Math.abs(a[i] - b[i]);
        }
        return d / a.length;
    }

    @Test
    void benchTrainPrintsOneRowPerModelWithItsSpeedAndTheGemmReference() {
        for (String model : List.of("dcgan", "pix2pix", "cdcgan")) {
            String out = run("bench", "train", "--model", model, "--size", "64", "--batch", "4", "--steps", "1",
                    "--warmup-seconds", "1",
                    "--no-metrics", "--set", "model." + model + ".ngf=8", "--set", "model." + model + ".ndf=8");
            Matcher row = Pattern.compile("(?m)^\\| " + model + " \\| 64 \\| 4 \\| 8/8 \\| ([0-9.]+) \\| ([0-9.]+) \\|"
                    + " ([0-9.]+), ([0-9.]+), ([0-9.]+) \\| [0-9.]+ \\| ([0-9.]+) \\|").matcher(out);
            assertTrue(row.find(), out);
            double imagesPerSecond = Double.parseDouble(row.group(1));
            double secondsPerStep = Double.parseDouble(row.group(2));
            // images/s is the batch over the step's time, as the columns say; s/step is printed to 0.01 s, so the
            // step's time lies within ±0.005 s of it
            double fastest = 4 / Math.max(1e-9, secondsPerStep - 0.005);
            double slowest = 4 / (secondsPerStep + 0.005);
            assertTrue(imagesPerSecond >= 0.95 * slowest && imagesPerSecond <= 1.05 * fastest,
                    imagesPerSecond + " images/s for " + secondsPerStep + " s/step of 4: " + out);
            assertTrue(Double.parseDouble(row.group(5)) > 0, "FLOPs of a step counted: " + out);
            assertTrue(Double.parseDouble(row.group(6)) > 1, "ND4J's GEMM measured in the same run: " + out);
            assertTrue(Arrays.stream(out.split("\n")).anyMatch(l -> l.startsWith("machine: ")), out);
        }
    }

    /**
     * `bench train --reference torch`: the PyTorch reference's steps alternate with self2face's in blocks (three
     * blocks for three timed steps); the row gives both speeds, their ratio, each block's range around it and the
     * networks' parameters equal layer by layer; the reference's process and its script are gone afterwards. Where
     * torch is missing, the bench runs without the comparison.
     */
    @Test
    void benchTrainTimesThePyTorchReferenceInBlocksAlternatingWithItsOwnSteps() throws Exception {
        File tmp = new File(System.getProperty("java.io.tmpdir"));
        FilenameFilter scripts = (dir, name) -> name.startsWith("self2face-torch-reference");
        int scriptsBefore = Objects.requireNonNull(tmp.list(scripts)).length;
        String out = run("bench", "train", "--model", "dcgan", "--size", "64", "--batch", "4", "--steps", "3",
                "--warmup-seconds", "0", "--reference", "torch", "--no-metrics", "--set", "model.dcgan.ngf=8",
                "--set", "model.dcgan.ndf=8");
        Matcher row = Pattern.compile("(?m)^\\| dcgan \\| 64 \\| 4 \\| 8/8 \\| [0-9]+ \\| ([0-9.]+) \\| ([0-9.]+) "
                + "\\| ([0-9.]+)x \\| ([0-9.]+)–([0-9.]+)x \\(3\\) \\| [0-9]+ / [0-9]+ \\| equal \\([0-9]+ layers\\) \\|$")
                .matcher(out);
        if (TorchReference.unavailable() != null) {
            assertFalse(row.find(), "no comparison without torch: " + out);
            return;
        }
        assertTrue(row.find(), out);
        double ratio = Double.parseDouble(row.group(3));
        double printed = Double.parseDouble(row.group(1)) / Double.parseDouble(row.group(2));
        assertEquals(printed, ratio, 0.01 + 0.01 * ratio, "the ratio is the two speeds': " + out);
        assertTrue(Double.parseDouble(row.group(4)) <= Double.parseDouble(row.group(5)), out);
        assertTrue(Double.parseDouble(row.group(4)) > 0, "every block timed on both sides: " + out);
        assertEquals(scriptsBefore, Objects.requireNonNull(tmp.list(scripts)).length, "the script is deleted");
        assertTrue(ProcessHandle.current().children().noneMatch(p -> p.info().commandLine().orElse("")
                .contains("self2face-torch-reference")), "the reference's process has ended");
    }

    /** `bench spark`'s batch options are checked before any cluster starts, each named with its reason. */
    @Test
    void benchSparkRefusesBatchesThatCannotBeRun() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(err, true), "bench", "spark", "--data", MegamindDataset.path(),
                "--batch-per-executor", "-1"), err.toString());
        assertTrue(err.toString().contains("--batch-per-executor -1: must be 0 or more"), err.toString());
        err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(err, true), "bench", "spark", "--data", MegamindDataset.path(),
                "--total-batch", "7", "--executors", "1,2"), err.toString());
        assertTrue(err.toString().contains("--total-batch 7 must divide over --executors 2"), err.toString());
    }

    /**
     * `bench quality --model pix2pix`: the val pairs judged for the retrieval baseline and the mean face (real train
     * faces must be found as faces and be nearer the val faces than their mean is), and a row for the PyTorch
     * reference — trained, or saying why not where torch is missing. A model without a reference recipe is refused.
     */
    @Test
    void benchQualityJudgesPix2PixNextToRetrievalAndTheMeanFace() throws Exception {
        String out = run("bench", "quality", "--model", "pix2pix", "--data", MegamindDataset.path(), "--steps", "2",
                "--batch", "4", "--set", "model.size=64", "--set", "model.pix2pix.ngf=8", "--set",
                "model.pix2pix.ndf=8");
        String number = " \\| (-?[0-9.]+)";
        Matcher retrieval = Pattern.compile("(?m)^\\| nearest train frame by condition \\(retrieval\\)"
                + number.repeat(5) + " \\|$").matcher(out);
        Matcher mean = Pattern.compile("(?m)^\\| mean train face" + number.repeat(5) + " \\|$").matcher(out);
        assertTrue(retrieval.find() && mean.find(), out);
        assertTrue(Double.parseDouble(retrieval.group(1)) < Double.parseDouble(mean.group(1)), "val L1: " + out);
        assertTrue(Double.parseDouble(retrieval.group(2)) > Double.parseDouble(mean.group(2)), "val SSIM: " + out);
        assertTrue(Double.parseDouble(retrieval.group(4)) >= 0.9, "real faces are found as faces: " + out);
        assertEquals(0.0, Double.parseDouble(mean.group(4)), "the mean face is not: " + out);
        assertTrue(Pattern.compile("(?m)^\\| (PyTorch [^|]*the paper's recipe[^|]*, 2 steps of 4 \\([0-9]+ s\\)"
                + number.repeat(5) + " \\||PyTorch reference \\| not run: no Python 3 with torch)").matcher(out)
                .find(), out);

        StringWriter err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(err, true), "bench", "quality", "--model", "cdcgan", "--data",
                MegamindDataset.path()), err.toString());
        assertTrue(err.toString().contains("--model cdcgan: no PyTorch reference recipe"), err.toString());
    }
}
