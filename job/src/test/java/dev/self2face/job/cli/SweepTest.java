package dev.self2face.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.self2face.job.report.Chromium;
import dev.self2face.job.train.MegamindDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep on the sample dataset in Spark local mode: trials of a small space rank by the metric and are promoted by
 * the successive-halving rule, the sweep writes sweep.html (checked in a real browser) and best.conf, which train
 * takes; a sweep killed in its first rung continues without running its finished trials again; a bad space file is
 * named before Spark starts.
 */
class SweepTest {
    static final String SPACE = String.join("\n",
            "metric = val_l1",
            "algorithm = halving",
            "trials = 4",
            "eta = 2",
            "min-steps = 6",
            "max-steps = 12",
            "parallel = 2",
            "seed = 5",
            "params {",
            "  \"training.learning-rate\" { log-uniform = [1e-5, 2e-3] }",
            "  \"model.pix2pix.lambda-l1\" { uniform = [1, 200] }",
            "}");

    @TempDir
    Path tmp;

    private static List<String> args(Path space, Path out) throws Exception {
        return new ArrayList<>(List.of("sweep", "--model", "pix2pix", "--data", MegamindDataset.path(), "--out",
                out.toString(), "--space", space.toString(), "--set", "model.size=64", "--set",
                "model.pix2pix.ngf=8", "--set", "model.pix2pix.ndf=8", "--set", "training.batch=4", "--set",
                "training.metrics=[val_l1]", "--set", "training.sample-every=6", "--set",
                "training.checkpoint-every=0", "--set", "spark.master=local[2]", "--set",
                "spark.conf.\"spark.ui.enabled\"=false"));
    }

    private static int cli(List<String> args, StringWriter err) {
        return Main.run(new PrintWriter(err, true), args.toArray(String[]::new));
    }

    @Test
    void ranksPromotesByTheRuleAndWritesItsReportAndBestConf() throws Exception {
        Path space = Files.writeString(tmp.resolve("space.conf"), SPACE);
        // its trials' runs are folders under --out: a name HOCON, URIs or globs would read otherwise is a name
        Path out = tmp.resolve("sweep [a] 100%");
        StringWriter err = new StringWriter();
        assertEquals(0, cli(args(space, out), err), err.toString());
        JsonNode s = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertEquals("finished", s.get("status").asText());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_pairs")), "the pairs shared with the trials go with the sweep's end");
        StringWriter rerun = new StringWriter();
        assertEquals(2, cli(args(space, out), rerun), "a finished sweep is bad input: " + rerun);
        assertTrue(rerun.toString().contains("has finished (_SUCCESS): choose another --out"), rerun.toString());
        assertEquals(List.of(6, 12), List.of(s.get("rungs").get(0).asInt(), s.get("rungs").get(1).asInt()));

        JsonNode rung0 = s.get("results").get("0");
        assertEquals(4, rung0.size());
        List<double[]> byMetric = new ArrayList<>();
        for (JsonNode r : rung0) {
            assertEquals("ok", r.get("status").asText(), r.toString());
            byMetric.add(new double[] {r.get("metric").asDouble(),
                Integer.parseInt(r.get("id").asText().substring(1))});
        }
        byMetric.sort((a, b) -> Double.compare(a[0], b[0]));
        List<String> promoted = new ArrayList<>();
        s.get("promotions").get("0").forEach(n -> promoted.add(n.asText()));
        assertEquals(List.of(String.format("t%03d", (int) byMetric.get(0)[1]),
                String.format("t%03d", (int) byMetric.get(1)[1])), promoted, "the top 1/eta (2 of 4) by val_l1");
        JsonNode rung1 = s.get("results").get("1");
        assertEquals(2, rung1.size());
        for (JsonNode r : rung1) {
            assertTrue(promoted.contains(r.get("id").asText()), r.toString());
            assertTrue(Files.exists(out.resolve("trials/" + r.get("id").asText() + "/r1/_SUCCESS")));
            assertTrue(Files.exists(out.resolve("trials/" + r.get("id").asText() + "/r1-result.json")));
        }
        assertTrue(rung1.get(0).get("metric").asDouble() <= rung1.get(1).get("metric").asDouble(), "ranked");
        String bestId = s.get("best").get("id").asText();
        assertEquals(rung1.get(0).get("id").asText(), bestId, "the best of the last rung");
        assertEquals(bestId, s.get("ranking").get(0).get("id").asText());

        Path html = out.resolve("sweep.html");
        String page = Files.readString(html);
        assertTrue(page.contains("id=\"ranking\"") && page.contains(bestId) && page.contains("Rung 2"), page);
        assertTrue(Chromium.assertImagesDecodeWithoutErrors(html) >= 3, "two parameter plots and the best grid");

        String best = Files.readString(out.resolve("best.conf"));
        double lr = s.get("best").get("params").get("training.learning-rate").asDouble();
        assertTrue(best.contains("training.learning-rate = " + lr) && best.contains("training.steps = 12"), best);
        assertTrue(Files.readString(out.resolve("best-pipeline.conf")).contains("pipeline.train.pix2pix {"));
        Path again = tmp.resolve("again");
        List<String> train = new ArrayList<>(List.of("train", "--conf", out.resolve("best.conf").toString(),
                "--data", MegamindDataset.path(), "--out", again.toString(), "--local", "--set", "model.size=64",
                "--set", "model.pix2pix.ngf=8", "--set", "model.pix2pix.ndf=8", "--set", "training.batch=4",
                "--set", "training.metrics=[val_l1]", "--set", "spark.master=local[2]", "--set",
                "spark.conf.\"spark.ui.enabled\"=false"));
        assertEquals(0, cli(train, err), err.toString());
        JsonNode info = new ObjectMapper().readTree(again.resolve("run.json").toFile());
        assertEquals(lr, info.get("config").get("training").get("learning-rate").asDouble(), 1e-12);
        assertEquals(12, info.get("steps").asInt());

        List<String> pipeline = List.of("pipeline", "--root", tmp.resolve("root").toString(), "--input",
                dev.self2face.testing.Media.megamind().getPath(), "--conf", out.resolve("best-pipeline.conf")
                        .toString(), "--dry-run");
        assertEquals(0, cli(pipeline, err), "the pipeline takes best-pipeline.conf: " + err);
    }

    @Test
    void aFailedTrialIsRecordedAndTheSweepGoesOn() throws Exception {
        // a batch larger than the train split fails inside the trial (the check of its run), not before Spark
        Path space = Files.writeString(tmp.resolve("space.conf"), String.join("\n", "metric = val_l1",
                "algorithm = random", "trials = 4", "max-steps = 3", "parallel = 2", "seed = 3",
                "params { \"training.batch\" { choice = [4, 5000] } }"));
        Path out = tmp.resolve("failing");
        StringWriter err = new StringWriter();
        assertEquals(0, cli(args(space, out), err), err.toString());
        JsonNode results = new ObjectMapper().readTree(out.resolve("sweep.json").toFile()).get("results").get("0");
        int failed = 0;
        for (JsonNode r : results) {
            if (r.get("status").asText().equals("failed")) {
                failed++;
                assertTrue(r.get("reason").asText().contains("training.batch"), r.toString());
                assertEquals(5000, r.get("params").get("training.batch").asInt());
            }
        }
        assertTrue(failed > 0 && failed < 4, "some trials failed, some not: " + results);
        assertTrue(Files.readString(out.resolve("sweep.html")).contains("failed: "));
        assertTrue(Files.readString(out.resolve("best.conf")).contains("training.batch = 4"));
    }

    @Test
    void aKilledSweepContinuesWithoutRunningFinishedTrialsAgain() throws Exception {
        Path space = Files.writeString(tmp.resolve("space.conf"), SPACE.replace("parallel = 2", "parallel = 1"));
        Path out = tmp.resolve("killed");
        CliProcess.Started p = CliProcess.start(Map.of(), "INFO", args(space, out).toArray(String[]::new));
        Map<Path, FileTime> before = new HashMap<>();
        long deadline = System.currentTimeMillis() + 180_000;
        while (before.isEmpty() && System.currentTimeMillis() < deadline && p.process().isAlive()) {
            Thread.sleep(200);
            before = results(out);
        }
        p.process().destroyForcibly().waitFor();
        before = results(out);
        assertFalse(before.isEmpty(), "a trial finished before the kill: " + p.outputSoFar());
        assertTrue(before.size() < 6, "killed before the sweep ended");
        for (String f : List.of("_SUCCESS", "sweep.html", "best.conf")) {
            assertFalse(Files.exists(out.resolve(f)), f + " after a kill");
        }

        StringWriter err = new StringWriter();
        assertEquals(0, cli(args(space, out), err), err.toString());
        Map<Path, FileTime> after = results(out);
        assertEquals(6, after.size(), "4 trials at rung 1, 2 at rung 2: " + after.keySet());
        before.forEach((f, t) -> assertEquals(t, after.get(f), f + " was not written again"));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void badSpaceFilesAreNamedBeforeSparkStarts() throws Exception {
        Map<String, List<String>> cases = Map.of(
                SPACE + "\nbudget = 3", List.of("budget", "space.conf"),
                SPACE.replace("[1, 200]", "[200, 200]"), List.of("model.pix2pix.lambda-l1", "empty range"),
                SPACE.replace("training.learning-rate", "training.learnin-rate"), List.of("training.learnin-rate"),
                SPACE.replace("metric = val_l1", "metric = sample_fd"), List.of("sample_fd", "pix2pix"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            Path space = Files.writeString(tmp.resolve("space.conf"), c.getKey());
            StringWriter err = new StringWriter();
            assertEquals(2, cli(args(space, tmp.resolve("bad")), err), err.toString());
            for (String word : c.getValue()) {
                assertTrue(err.toString().contains(word), word + " in: " + err);
            }
            assertTrue(org.apache.spark.sql.SparkSession.getDefaultSession().isEmpty(), "Spark was started");
        }
        // the command line's --trials and --parallel are checked as the space file's are
        Path space = Files.writeString(tmp.resolve("space.conf"), SPACE);
        for (List<String> bad : List.of(List.of("--trials", "0"), List.of("--trials", "-2"),
                List.of("--parallel", "-2"))) {
            List<String> a = new java.util.ArrayList<>(args(space, tmp.resolve("bad")));
            a.addAll(bad);
            StringWriter err = new StringWriter();
            assertEquals(2, cli(a, err), err.toString());
            assertTrue(err.toString().contains(bad.get(0) + " " + bad.get(1)), err.toString());
            assertTrue(org.apache.spark.sql.SparkSession.getDefaultSession().isEmpty(), "Spark was started");
        }
    }

    private static Map<Path, FileTime> results(Path out) throws Exception {
        Map<Path, FileTime> m = new HashMap<>();
        if (!Files.isDirectory(out.resolve("trials"))) {
            return m;
        }
        // a running sweep renames its temporary files while the walk goes: a file that vanished is walked again
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> s = Files.walk(out.resolve("trials"))) {
                for (Path f : s.filter(f -> f.getFileName().toString().matches("r\\d+-result\\.json")).toList()) {
                    m.put(f, Files.getLastModifiedTime(f));
                }
                return m;
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                if (attempt == 5) {
                    throw e;
                }
                m.clear();
            }
        }
    }
}
