package dev.self2face.job.cli;

import dev.self2face.job.train.MegamindDataset;
import dev.self2face.testing.Media;
import dev.self2face.testing.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 server goes away in the middle of an ETL and of a training run (S3Proxy killed, as a crash or a network
 * cut takes it), then comes back: the run ends with one line and exit code 1, nothing it wrote looks complete, and
 * the rerun (`etl` again, `train --resume`) completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageOutageTest {
    private static final String DATASET = "s3a://outage-datasets/megamind";
    private static final String RUN = "s3a://outage-runs/dcgan";
    S3Server s3;

    @BeforeAll
    void start() throws Exception {
        s3 = S3Server.start("outage-datasets", "outage-runs");
    }

    @AfterAll
    void stop() {
        s3.close();
    }

    String[] args(List<String> command) {
        List<String> a = new ArrayList<>(command);
        s3.settings().forEach(s -> a.addAll(List.of("--set", s)));
        a.addAll(List.of("--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        return a.toArray(String[]::new);
    }

    /** Where S3Proxy's filesystem backend keeps an object. */
    Path object(String uri) {
        return s3.baseDir.resolve(uri.substring("s3a://".length()));
    }

    static void await(CliProcess.Started p, BooleanSupplier ready, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        while (!ready.getAsBoolean()) {
            assertTrue(p.process().isAlive(), "ended before " + what + ": " + p.outputSoFar());
            assertTrue(System.currentTimeMillis() < deadline, "no " + what + " in 5 minutes: " + p.outputSoFar());
            Thread.sleep(200);
        }
    }

    /** Waits for the child to end on its own after the store went away; its exit code and output. */
    static CliProcess.Outcome ended(CliProcess.Started p) throws Exception {
        if (!p.process().waitFor(5, TimeUnit.MINUTES)) {
            p.process().destroyForcibly();
            throw new AssertionError("still running 5 minutes after the store went away: " + p.outputSoFar());
        }
        return new CliProcess.Outcome(p.process().exitValue(), p.outputSoFar());
    }

    @Test
    @Order(1)
    void anEtlWhoseStoreGoesAwayPublishesNothingAndTheRerunCompletes() throws Exception {
        List<String> etl = List.of("etl", "--input", Media.megamind().getPath(), "--output", DATASET, "--set",
                "etl.size=64");
        CliProcess.Started first = CliProcess.start(Map.of(), "info", args(etl));
        // the video is being decoded: the run has taken the dataset's lock on S3 and will write there next
        await(first, () -> {
            try {
                return first.outputSoFar().contains("segment(s) of 1 video(s)");
            } catch (java.io.IOException e) {
                return false;
            }
        }, "decoding");
        s3.kill();
        CliProcess.Outcome o = ended(first);
        assertEquals(1, o.exitCode(), o.output());
        assertTrue(o.output().contains("self2face etl: failed (dataset " + DATASET + ")"), o.output());
        assertFalse(o.output().contains(s3.secretKey), "no secret in what it printed");
        s3.restart();
        assertFalse(Files.exists(object(DATASET + "/_SUCCESS")), "nothing published");

        CliProcess.Outcome again = CliProcess.run(Map.of(), "info", args(etl));
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(Files.exists(object(DATASET + "/_SUCCESS")));
        assertTrue(again.output().contains("83 pairs") || again.output().contains(" pairs ("), again.output());
    }

    @Test
    @Order(2)
    void aTrainingRunWhoseStoreGoesAwayIsResumedWhenItIsBack() throws Exception {
        List<String> train = new ArrayList<>(List.of("train", "--model", "dcgan", "--data", DATASET, "--out", RUN,
                "--steps", "30", "--batch", "8", "--set", "training.checkpoint-every=5", "--set",
                "training.sample-every=10", "--set", "training.log-every=5"));
        train.addAll(MegamindDataset.smallModel("dcgan"));
        CliProcess.Started first = CliProcess.start(Map.of(), "info", args(train));
        Path checkpoint = object(RUN + "/checkpoints/step-00000005/_COMPLETE");
        await(first, () -> Files.exists(checkpoint), "checkpoint at step 5");
        s3.kill();
        CliProcess.Outcome o = ended(first);
        assertEquals(1, o.exitCode(), o.output());
        assertTrue(o.output().contains("self2face train: failed (run " + RUN + ")"), o.output());
        s3.restart();
        assertFalse(Files.exists(object(RUN + "/_SUCCESS")), "a run cut off is not published");

        train.add("--resume");
        CliProcess.Outcome resumed = CliProcess.run(Map.of(), "info", args(train));
        assertEquals(0, resumed.exitCode(), resumed.output());
        assertTrue(resumed.output().contains("resuming"), resumed.output());
        assertTrue(Files.exists(object(RUN + "/_SUCCESS")));
        assertTrue(Files.readString(object(RUN + "/metrics.jsonl")).contains("\"step\":30,"));
    }
}
