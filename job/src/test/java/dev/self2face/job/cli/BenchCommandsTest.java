package dev.self2face.job.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
    void benchTrainPrintsOneRowPerModelWithItsSpeedAndTheGemmReference() {
        for (String model : List.of("dcgan", "pix2pix", "cdcgan")) {
            String out = run("bench", "train", "--model", model, "--size", "64", "--batch", "4", "--steps", "1",
                    "--no-metrics", "--set", "model." + model + ".ngf=8", "--set", "model." + model + ".ndf=8");
            Matcher row = Pattern.compile("(?m)^\\| " + model + " \\| 64 \\| 4 \\| 8/8 \\| ([0-9.]+) \\| ([0-9.]+) \\|"
                    + " ([0-9.]+), ([0-9.]+), ([0-9.]+) \\| [0-9.]+ \\| ([0-9.]+) \\|").matcher(out);
            assertTrue(row.find(), out);
            double imagesPerSecond = Double.parseDouble(row.group(1));
            double secondsPerStep = Double.parseDouble(row.group(2));
            // images/s is the batch over the step's time, as the columns say
            assertEquals(4 / secondsPerStep, imagesPerSecond, 0.05 * imagesPerSecond + 0.1, out);
            assertTrue(Double.parseDouble(row.group(5)) > 0, "FLOPs of a step counted: " + out);
            assertTrue(Double.parseDouble(row.group(6)) > 1, "ND4J's GEMM measured in the same run: " + out);
            assertTrue(Arrays.stream(out.split("\n")).anyMatch(l -> l.startsWith("machine: ")), out);
        }
    }
}
