package dev.self2face.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.self2face.testing.Media;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nightly pipeline on Megamind.avi with tiny models, on one root, in order: the first run publishes both
 * models; a second run finds no new video; a candidate worse than the live model is rejected and LATEST stays; a
 * dry run writes nothing; a second pipeline on a locked root is refused naming the holder; a pipeline killed while
 * training is continued by the next one (which takes over the dead holder's lock); a publish cut off mid-copy is
 * finished by the next run; a lock of a holder on another host is taken over only after its expiry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    Path root;
    Path video;
    Path conf;
    String firstRun;

    record Run(int exitCode, String out) {
    }

    @BeforeAll
    void setUp() throws Exception {
        // a root and a video whose names hold characters URIs, globs and HOCON give a meaning
        root = Files.createTempDirectory("pipeline-root [nightly] 100% #");
        video = Files.createDirectories(Files.createTempDirectory("videos").resolve("cam [1] {a,b}"))
                .resolve("clip 100% it's \"q\" `t` <a>.avi");
        Files.copy(Media.megamind().toPath(), video);
        conf = Files.createTempFile("tiny", ".conf");
        Files.writeString(conf, String.join("\n",
                "spark { master = \"local[2]\", conf { \"spark.ui.enabled\" = \"false\" } }",
                "training { local = true, batch = 8, sample-every = 10, checkpoint-every = 10, log-every = 5,",
                "  eval-samples = 64, eval-pairs = 64, progress-seconds = 20 }",
                "storage.lock-stale-seconds = 10",
                // 20 steps make no faces: the gate's own quality checks are tested on their own below
                "pipeline.gate { pix2pix.block-on = [], dcgan.block-on = [] }",
                "pipeline.train {",
                "  pix2pix { training.steps = 20, model.pix2pix { ngf = 8, ndf = 8 } }",
                "  dcgan { training.steps = 20, model.dcgan { ngf = 8, ndf = 8 } }",
                "}"));
    }

    /** The pipeline in this JVM, with what it printed (stdout) and its error lines. */
    Run pipeline(String... extra) {
        List<String> args = new ArrayList<>(List.of("pipeline", "--root", root.toString(), "--input",
                video.toString(), "--conf", conf.toString()));
        args.addAll(List.of(extra));
        StringWriter err = new StringWriter();
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int rc = Main.run(new PrintWriter(err, true), args.toArray(String[]::new));
            return new Run(rc, out.toString(StandardCharsets.UTF_8) + err);
        } finally {
            System.setOut(stdout);
        }
    }

    String latest(String model) throws Exception {
        return Files.readString(root.resolve("models/" + model + "/LATEST")).trim();
    }

    JsonNode summary(String run) throws Exception {
        return JSON.readTree(root.resolve("runs/" + run + "/summary.json").toFile());
    }

    @Test
    @Order(1)
    void theFirstRunPublishesBothModels() throws Exception {
        Run r = pipeline();
        assertEquals(0, r.exitCode(), r.out());
        firstRun = latest("pix2pix");
        assertEquals(firstRun, latest("dcgan"));
        for (String model : List.of("pix2pix", "dcgan")) {
            Path published = root.resolve("models/" + model + "/" + firstRun);
            for (String f : List.of("_SUCCESS", "generator.zip", "report.html", "grid.png", "gate.json")) {
                assertTrue(Files.exists(published.resolve(f)), published + "/" + f);
            }
            assertFalse(Files.exists(published.resolve("checkpoints")), "checkpoints are not published");
            assertTrue(r.out().contains("live " + model + ": " + published), r.out());
        }
        JsonNode s = summary(firstRun);
        assertEquals(1, s.at("/etl/processed").size(), s.toString());
        // one of the video's two characters (etl.identity = dominant): ~88 of ~167 faces
        assertTrue(s.at("/etl/pairs").asLong() > 60, s.toString());
        assertEquals("published", s.at("/models/pix2pix/decision").asText(), s.toString());
        assertTrue(s.at("/models/pix2pix/reason").asText().contains("no live model"), s.toString());
        for (String stage : List.of("etl", "train pix2pix", "train dcgan", "evaluate", "publish")) {
            assertTrue(s.at("/stage_seconds").get(stage).asDouble() > 0, "each stage timed: " + s);
        }
        assertTrue(s.at("/stage_seconds/train pix2pix").asDouble() > s.at("/stage_seconds/publish").asDouble(), s
                .toString());
        assertTrue(r.out().contains("stages: etl "), r.out());
        assertTrue(Files.readString(root.resolve("runs/" + firstRun + "/summary.html")).contains("pix2pix/grid.png"));
        // the model folder is accepted where a run is, following LATEST
        Path grid = root.resolve("faces.png");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(err, true), "generate", "--model",
                root.resolve("models/dcgan").toString(), "--n", "4", "--out", grid.toString()), err.toString());
        assertTrue(Files.size(grid) > 0);
    }

    @Test
    @Order(2)
    void aSecondRunOnTheSameInputProcessesNoVideoAndTrainsNothingIfAskedSo() throws Exception {
        Run r = pipeline("--set", "pipeline.retrain-if-unchanged=false");
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("no new or changed video; pipeline.retrain-if-unchanged = false: nothing "
                + "trained"), r.out());
        String run = newestRun();
        JsonNode s = summary(run);
        assertEquals(0, s.at("/etl/processed").size(), s.toString());
        assertEquals(s.at("/etl/pairs_before").asLong(), s.at("/etl/pairs").asLong(), s.toString());
        assertFalse(Files.exists(root.resolve("runs/" + run + "/pix2pix")), "nothing trained");
        assertEquals(firstRun, latest("pix2pix"));
    }

    @Test
    @Order(3)
    void aCandidateWorseThanTheLiveModelIsRejectedAndLatestStays() throws Exception {
        Run r = pipeline("--set", "pipeline.models=[pix2pix]", "--set", "pipeline.train.pix2pix.training.steps=2",
                "--set", "pipeline.gate.pix2pix.tolerance=0");
        assertEquals(0, r.exitCode(), r.out());
        String run = newestRun();
        assertEquals(firstRun, latest("pix2pix"), "LATEST untouched");
        assertFalse(Files.exists(root.resolve("models/pix2pix/" + run)));
        JsonNode gate = JSON.readTree(root.resolve("runs/" + run + "/pix2pix/gate.json").toFile());
        assertEquals("rejected", gate.get("decision").asText(), gate.toString());
        assertTrue(gate.get("candidate").asDouble() > gate.get("live").asDouble(), gate.toString());
        assertTrue(gate.get("reason").asText().contains("worse than the live model"), gate.toString());
        assertTrue(r.out().contains("rejected"), r.out());
        // the live model was measured on the same val pairs as the candidate: the figure in the first run's
        // summary (then as the candidate) and now (as the live model) are the same
        assertEquals(summary(firstRun).at("/models/pix2pix/candidate_value").asDouble(), gate.get("live").asDouble(),
                1e-9);
    }

    @Test
    @Order(3)
    void aCandidateItsOwnRunFlagsIsRefusedWhateverTheComparison() throws Exception {
        Run r = pipeline("--set", "pipeline.models=[dcgan]", "--set", "pipeline.gate.dcgan.tolerance=10",
                "--set", "pipeline.gate.dcgan.block-on=[mode-collapse,memorisation,few-faces]");
        assertEquals(0, r.exitCode(), r.out());
        String run = newestRun();
        assertEquals(firstRun, latest("dcgan"), "LATEST untouched");
        assertFalse(Files.exists(root.resolve("models/dcgan/" + run)));
        JsonNode gate = JSON.readTree(root.resolve("runs/" + run + "/dcgan/gate.json").toFile());
        assertEquals("rejected", gate.get("decision").asText(), gate.toString());
        // 20 steps of a tiny DCGAN: face-api's detector finds no face in its samples, and the run says so itself
        assertTrue(gate.get("final_warnings").toString().contains("few-faces"), gate.toString());
        assertTrue(gate.get("reason").asText().contains("few-faces") && gate.get("reason").asText()
                .contains("block-on"), gate.toString());
        JsonNode s = summary(run);
        assertEquals("rejected", s.at("/models/dcgan/decision").asText(), s.toString());
        assertTrue(r.out().contains("few-faces"), r.out());
    }

    @Test
    @Order(4)
    void aDryRunSaysWhatItWouldDoAndWritesNothing() throws Exception {
        List<String> before = files();
        Run r = pipeline("--dry-run");
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("1 under the inputs, 0 new or changed would be processed"), r.out());
        assertTrue(r.out().contains("pix2pix: would train 20 steps"), r.out());
        assertTrue(r.out().contains("against the live model " + root.resolve("models/pix2pix/" + firstRun)), r.out());
        assertEquals(before, files());
    }

    @Test
    @Order(5)
    void aPipelineKilledWhileTrainingIsContinuedAndALockedRootRefused() throws Exception {
        CliProcess.Started first = CliProcess.start(Map.of(), "info", "pipeline", "--root", root.toString(),
                "--input", video.toString(), "--conf", conf.toString(), "--set",
                "pipeline.train.dcgan.training.steps=60", "--set", "pipeline.models=[dcgan]");
        Path killedRun;
        String step5;
        try {
            killedRun = awaitCheckpoint(first);
            step5 = step5(killedRun);
            Run refused = pipeline("--set", "pipeline.models=[dcgan]");
            assertEquals(2, refused.exitCode(), refused.out());
            assertTrue(refused.out().contains("is being written by another self2face run (pipeline on host "),
                    refused.out());
            assertTrue(refused.out().contains("pid " + first.process().pid() + ", since 20"), refused.out());
            // the dataset the running pipeline trains on is not rewritten under it
            StringWriter err = new StringWriter();
            assertEquals(2, Main.run(new PrintWriter(err, true), "etl", "--input", video.toString(), "--output",
                    root.resolve("dataset").toString()), err.toString());
            assertTrue(err.toString().contains("is being written by another self2face run (pipeline run "
                    + killedRun.getFileName() + " (training and measuring on it)"), err.toString());
        } finally {
            first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(root.resolve("_LOCK")), "a killed pipeline leaves its lock");
        assertFalse(Files.exists(root.resolve("models/dcgan/" + killedRun.getFileName())));
        Run r = pipeline("--set", "pipeline.train.dcgan.training.steps=60", "--set", "pipeline.models=[dcgan]",
                "--set", "pipeline.gate.dcgan.tolerance=10");
        assertEquals(0, r.exitCode(), r.out());
        String id = killedRun.getFileName().toString();
        JsonNode s = summary(id);
        assertEquals("continued after it stopped during 'train dcgan'", s.get("continued").asText(), s.toString());
        assertEquals(id, latest("dcgan"));
        // the candidate resumed from a checkpoint: what it logged before the kill is kept as it was (a fresh
        // start would have logged step 5 again, at another wall time)
        assertEquals(step5, step5(killedRun));
    }

    static String step5(Path run) throws Exception {
        return Files.readAllLines(run.resolve("dcgan/metrics.jsonl")).stream()
                .filter(l -> l.contains("\"step\":5,")).findFirst().orElseThrow();
    }

    @Test
    @Order(6)
    void aPublishCutOffMidCopyIsFinishedByTheNextRun() throws Exception {
        // what a pipeline killed while copying its pix2pix candidate into models/ leaves: the run's state says
        // "publish", the copy has no _SUCCESS and lacks files, LATEST still names the previous live model
        String id = latest("dcgan");
        Path state = root.resolve("runs/" + id + "/pipeline.json");
        ObjectNode s = (ObjectNode) JSON.readTree(state.toFile());
        s.put("status", "running");
        s.put("stage", "publish");
        Files.write(state, JSON.writeValueAsBytes(s));
        Files.deleteIfExists(state.resolveSibling(".pipeline.json.crc")); // Hadoop's checksum of the old content
        Files.delete(root.resolve("models/dcgan/" + id + "/_SUCCESS"));
        Files.delete(root.resolve("models/dcgan/" + id + "/generator.zip"));
        Files.writeString(root.resolve("models/dcgan/LATEST"), firstRun + "\n");
        Run r = pipeline("--set", "pipeline.train.dcgan.training.steps=60", "--set", "pipeline.models=[dcgan]",
                "--set", "pipeline.gate.dcgan.tolerance=10");
        assertEquals(0, r.exitCode(), r.out());
        assertEquals(id, latest("dcgan"));
        assertTrue(Files.exists(root.resolve("models/dcgan/" + id + "/_SUCCESS")));
        assertTrue(Files.exists(root.resolve("models/dcgan/" + id + "/generator.zip")));
        assertEquals("continued after it stopped during 'publish'", summary(id).get("continued").asText());
        assertEquals(id, newestRun(), "no new pipeline run was started");
    }

    @Test
    @Order(7)
    void aLockOfAHolderOnAnotherHostIsRefusedUntilItExpires() throws Exception {
        Path lock = root.resolve("_LOCK");
        Files.writeString(lock, "{\"host\":\"nightly-7.example\",\"pid\":4242,\"startedAt\":\"2026-11-29T02:00:00Z\","
                + "\"what\":\"pipeline\",\"token\":\"t\"}");
        Run refused = pipeline("--set", "pipeline.retrain-if-unchanged=false");
        assertEquals(2, refused.exitCode(), refused.out());
        assertTrue(refused.out().contains("pipeline on host nightly-7.example, pid 4242, since 2026-11-29T02:00:00Z"),
                refused.out());
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(60)));
        Run taken = pipeline("--set", "pipeline.retrain-if-unchanged=false");
        assertEquals(0, taken.exitCode(), taken.out());
        assertFalse(Files.exists(lock), "released at the end");
    }

    @Test
    @Order(8)
    void aDamagedLiveModelIsReportedAndReplacedNotAJam() throws Exception {
        // a truncated generator.zip in pix2pix's live run, and a dcgan LATEST naming a run that is not there
        Path zip = root.resolve("models/pix2pix/" + latest("pix2pix") + "/generator.zip");
        byte[] whole = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.deleteIfExists(zip.resolveSibling(".generator.zip.crc"));
        Files.writeString(root.resolve("models/dcgan/LATEST"), "20990101T000000Z\n");
        Files.deleteIfExists(root.resolve("models/dcgan/.LATEST.crc"));

        Run dry = pipeline("--dry-run");
        assertEquals(0, dry.exitCode(), dry.out());
        assertTrue(dry.out().contains("pix2pix: would train") && dry.out().contains("DAMAGED: the live model "
                + root.resolve("models/pix2pix/" + latest("pix2pix")) + " cannot be read"), dry.out());
        assertTrue(dry.out().contains("DAMAGED: the live model " + root.resolve("models/dcgan/20990101T000000Z")),
                dry.out());

        Run r = pipeline("--set", "pipeline.retrain-if-unchanged=true");
        assertEquals(0, r.exitCode(), r.out());
        String run = newestRun();
        JsonNode s = summary(run);
        assertEquals("finished", s.get("status").asText(), s.toString());
        for (String model : List.of("pix2pix", "dcgan")) {
            assertEquals("published", s.at("/models/" + model + "/decision").asText(), s.toString());
            assertTrue(s.at("/models/" + model + "/reason").asText().contains("cannot be read"), s.toString());
            assertFalse(s.at("/models/" + model + "/live_damage").isNull(), s.toString());
            assertEquals(run, latest(model), "the candidate replaced the damaged live model");
        }
        assertTrue(r.out().contains("live pix2pix: " + root.resolve("models/pix2pix/" + run)), r.out());
    }

    @Test
    @Order(9)
    void aRejectedVideoIsCountedOnceInTheSummary() throws Exception {
        Path junk = Files.createTempDirectory("junk").resolve("broken.avi");
        Files.write(junk, new byte[] {'R', 'I', 'F', 'F', 0, 1, 2, 3, 'A', 'V', 'I', ' ', 9, 9, 9, 9});
        Run r = pipeline("--input", junk.toString(), "--set", "pipeline.retrain-if-unchanged=false");
        assertEquals(0, r.exitCode(), r.out());
        JsonNode etl = summary(newestRun()).get("etl");
        assertEquals(1, etl.get("rejected").size(), etl.toString());
        assertTrue(etl.get("rejected").get(0).asText().contains("broken.avi ["), etl.toString());
        assertEquals(0, etl.get("processed").size(), etl.toString());
        assertTrue(Files.readString(root.resolve("runs/" + newestRun() + "/summary.html")).contains("(1 rejected)"));
    }

    @Test
    @Order(10)
    void aWarmStartedCandidateStartsFromTheLiveModelsWeights() throws Exception {
        String live = latest("pix2pix");
        Run r = pipeline("--set", "pipeline.warm-start=true", "--set", "pipeline.models=[pix2pix]", "--set",
                "pipeline.train.pix2pix.training.steps=2", "--set", "pipeline.gate.pix2pix.tolerance=10");
        assertEquals(0, r.exitCode(), r.out());
        String run = newestRun();
        Path liveRun = root.resolve("models/pix2pix/" + live);
        assertEquals(liveRun.toString(), summary(run).at("/models/pix2pix/warm_start").asText());
        JsonNode info = JSON.readTree(root.resolve("runs/" + run + "/pix2pix/run.json").toFile());
        assertEquals(liveRun.toString(), info.at("/config/training/init-from").asText(), info.toString());
        // two steps from the live model's weights stay near them: its val L1 and the candidate's barely differ,
        // where two steps from random weights are far worse (the untrained baseline)
        JsonNode gate = JSON.readTree(root.resolve("runs/" + run + "/pix2pix/gate.json").toFile());
        JsonNode e = JSON.readTree(root.resolve("runs/" + run + "/pix2pix/evaluation.json").toFile());
        assertTrue(Math.abs(gate.get("candidate").asDouble() - gate.get("live").asDouble())
                < 0.5 * Math.abs(e.get("val_l1_untrained").asDouble() - gate.get("live").asDouble()), gate + " " + e);
    }

    @Test
    @Order(11)
    void aStoppedRunWithOtherSettingsIsMarkedAbandonedAndANewOneStarts() throws Exception {
        String stopped = newestRun();
        Path state = root.resolve("runs/" + stopped + "/pipeline.json");
        ObjectNode s = (ObjectNode) JSON.readTree(state.toFile());
        s.put("status", "running");
        s.put("stage", "train pix2pix");
        s.put("fingerprint", "settings-of-another-day");
        Files.write(state, JSON.writeValueAsBytes(s));
        Files.deleteIfExists(state.resolveSibling(".pipeline.json.crc"));
        Thread.sleep(1100); // run ids are by the second
        Run r = pipeline("--set", "pipeline.retrain-if-unchanged=false");
        assertEquals(0, r.exitCode(), r.out());
        JsonNode old = JSON.readTree(state.toFile());
        assertEquals("abandoned", old.get("status").asText(), old.toString());
        assertTrue(old.get("note").asText().contains("had other inputs or settings and started over"), old.toString());
        assertTrue(newestRun().compareTo(stopped) > 0, "a new run started");
        assertEquals("finished", summary(newestRun()).get("status").asText());
    }

    /** Waits until the child's pipeline run has a complete checkpoint; returns the run's folder. */
    Path awaitCheckpoint(CliProcess.Started p) throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            assertTrue(p.process().isAlive(), p.outputSoFar());
            try (Stream<Path> s = Files.list(root.resolve("runs"))) {
                for (Path run : s.toList()) {
                    if (Files.exists(run.resolve("dcgan/checkpoints/step-00000010/_COMPLETE"))
                            && !Files.exists(run.resolve("summary.json"))) {
                        return run;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no checkpoint in 5 minutes: " + p.outputSoFar());
    }

    String newestRun() throws Exception {
        try (Stream<Path> s = Files.list(root.resolve("runs"))) {
            return s.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    /** Every file under the root with its size, modification time and content hash: a rewrite shows. */
    List<String> files() throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                out.add(p + (Files.isRegularFile(p) ? " " + Files.size(p) + " " + Files.getLastModifiedTime(p)
                        + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)) : ""));
            }
        }
        return out;
    }
}
