package dev.self2face.job.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.self2face.job.bench.StandaloneCluster;
import dev.self2face.job.train.MegamindDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar submitted with SparkSubmit (client mode) to a real standalone cluster of a master and two workers,
 * each its own JVM on 127.0.0.1: pix2pix and DCGAN train with parameter averaging over both executors and publish;
 * a driver killed in the middle publishes nothing and {@code --resume} completes the run; a worker killed in the
 * middle of training costs its tasks, not the run. One cluster for all; the worker kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new StandaloneCluster(Path.of(System.getProperty("spark.home.dir")),
                Arrays.asList(System.getProperty("java17.opens").trim().split("\\s+")), 2, "3g", "2g");
    }

    static Process submit(File log, List<String> args) throws Exception {
        return cluster.submit(log, Path.of(System.getProperty("job.jar")), "dev.self2face.job.cli.Main",
                Map.of("spark.executor.memory", "1g"), args);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    static List<String> train(String model, Path out, int rounds) throws Exception {
        String section = model.equals("dcgan") ? "model.dcgan." : "model.pix2pix.";
        return List.of("train", "--model", model, "--data", MegamindDataset.path(), "--out", out.toString(),
                "--size", "64", "--rounds", String.valueOf(rounds), "--workers", "2",
                "--set", "training.batch-per-worker=4", "--set", "training.averaging-frequency=1",
                "--set", "training.log-every=1",
                "--set", "training.sample-every=1000", "--set", "training.checkpoint-every=2",
                "--set", "training.eval-samples=64",
                "--set", section + "ngf=8", "--set", section + "ndf=8", "--set", "training.progress-seconds=5");
    }

    static List<JsonNode> metrics(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(l);
            if (!n.path("evaluation").asBoolean(false)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The executor JVMs among a round's worker ids ("machine/jvm#thread"). */
    static Set<String> jvms(JsonNode line) {
        Set<String> out = new HashSet<>();
        line.get("worker_ids").forEach(id -> out.add(id.asText().replaceAll("#.*", "")));
        return out;
    }

    /** Waits (at most 5 minutes) until the file exists or the process ends. */
    static void awaitFile(Path file, Process p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 300_000;
        while (!Files.exists(file) && p.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    @Order(1)
    void pix2pixAndDcganTrainOnTwoExecutors() throws Exception {
        for (String model : List.of("pix2pix", "dcgan")) {
            Path run = Files.createTempDirectory("cluster-" + model).resolve("run");
            File log = Files.createTempFile("driver-" + model, ".log").toFile();
            int rc = StandaloneCluster.waitFor(submit(log, train(model, run, 4)), 10);
            assertEquals(0, rc, model + ": " + Files.readString(log.toPath()));
            assertTrue(Files.exists(run.resolve("_SUCCESS")), model);
            List<JsonNode> m = metrics(run);
            assertEquals(4, m.size());
            for (JsonNode line : m) {
                assertEquals(2, jvms(line).size(), model + ": both executors in every round: " + line);
            }
        }
    }

    @Test
    @Order(2)
    void aKilledDriverPublishesNothingAndResumeCompletesTheRun() throws Exception {
        Path run = Files.createTempDirectory("cluster-driver-kill").resolve("run");
        File log = Files.createTempFile("driver-killed", ".log").toFile();
        List<String> args = train("pix2pix", run, 8);
        Process driver = submit(log, args);
        Path checkpoint = run.resolve("checkpoints/step-00000004/_COMPLETE");
        awaitFile(checkpoint, driver);
        assertTrue(Files.exists(checkpoint), "checkpoint after round 4: " + Files.readString(log.toPath()));
        driver.destroyForcibly().waitFor(); // SparkSubmit in client mode: the driver is this JVM
        assertFalse(Files.exists(run.resolve("_SUCCESS")), "a killed run is not published");
        assertFalse(Files.exists(run.resolve("generator.zip")), "no model published by a killed run");

        File again = Files.createTempFile("driver-resumed", ".log").toFile();
        List<String> resume = new ArrayList<>(args);
        resume.add("--resume");
        int rc = StandaloneCluster.waitFor(submit(again, resume), 10);
        assertEquals(0, rc, Files.readString(again.toPath()));
        assertTrue(Files.readString(again.toPath()).contains("resum"), "the driver says it resumes");
        assertTrue(Files.exists(run.resolve("_SUCCESS")));
        List<JsonNode> m = metrics(run);
        List<Integer> rounds = new ArrayList<>();
        m.forEach(l -> rounds.add(l.get("round").asInt()));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), rounds, "every round once, the resumed ones after the checkpoint");
        for (JsonNode line : m.subList(4, 8)) {
            assertEquals(2, jvms(line).size(), "resumed rounds on both executors: " + line);
        }
    }

    @Test
    @Order(3)
    void aWorkerKilledDuringTrainingCostsTasksNotTheRun() throws Exception {
        Path run = Files.createTempDirectory("cluster-kill").resolve("run");
        File log = Files.createTempFile("driver-kill", ".log").toFile();
        Process driver = submit(log, train("dcgan", run, 12));
        Path metrics = run.resolve("metrics.jsonl");
        long deadline = System.currentTimeMillis() + 300_000;
        while ((!Files.exists(metrics) || Files.readAllLines(metrics).size() < 3) && driver.isAlive()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.exists(metrics), "training started: " + Files.readString(log.toPath()));
        Process victim = cluster.workers().get(1);
        victim.descendants().forEach(ProcessHandle::destroyForcibly); // its executor
        victim.destroyForcibly();
        assertFalse(Files.exists(run.resolve("_SUCCESS")));
        int rc = StandaloneCluster.waitFor(driver, 10);
        assertEquals(0, rc, Files.readString(log.toPath()));
        assertTrue(Files.exists(run.resolve("_SUCCESS")));
        List<JsonNode> m = metrics(run);
        assertEquals(12, m.size());
        assertEquals(1, jvms(m.get(m.size() - 1)).size(), "the last rounds ran on the one executor left");
    }
}
