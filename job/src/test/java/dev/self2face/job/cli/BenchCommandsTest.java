package dev.self2face.job.cli;

import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.job.train.MegamindDataset;
import dev.self2face.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void benchTrainPrintsOneRowPerModelWithItsSpeedAndTheGemmReference() {
        for (String model : List.of("dcgan", "pix2pix", "cdcgan")) {
            String out = run("bench", "train", "--model", model, "--size", "64", "--batch", "4", "--steps", "1",
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
}
