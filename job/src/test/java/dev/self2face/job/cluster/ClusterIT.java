package dev.self2face.job.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.self2face.job.train.MegamindDataset;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar submitted with SparkSubmit (client mode) to a real standalone cluster of a master and two workers,
 * each its own JVM on 127.0.0.1: pix2pix and DCGAN train with parameter averaging over both executors and publish;
 * a worker killed in the middle of training costs its tasks, not the run.
 */
class ClusterIT {
    static List<String> train(String model, Path out, int rounds) throws Exception {
        String section = model.equals("dcgan") ? "model.dcgan." : "model.pix2pix.";
        return List.of("train", "--model", model, "--data", MegamindDataset.path(), "--out", out.toString(),
                "--size", "64", "--rounds", String.valueOf(rounds), "--workers", "2",
                "--set", "training.batch-per-worker=4", "--set", "training.log-every=1",
                "--set", "training.sample-every=1000", "--set", "training.checkpoint-every=2",
                "--set", section + "ngf=8", "--set", section + "ndf=8", "--set", "training.progress-seconds=5");
    }

    static List<JsonNode> metrics(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            out.add(new ObjectMapper().readTree(l));
        }
        return out;
    }

    /** The executor JVMs among a round's worker ids ("machine/jvm#thread"). */
    static Set<String> jvms(JsonNode line) {
        Set<String> out = new HashSet<>();
        line.get("worker_ids").forEach(id -> out.add(id.asText().replaceAll("#.*", "")));
        return out;
    }

    @Test
    void pix2pixAndDcganTrainOnTwoExecutors() throws Exception {
        try (StandaloneCluster cluster = new StandaloneCluster(2)) {
            for (String model : List.of("pix2pix", "dcgan")) {
                Path run = Files.createTempDirectory("cluster-" + model).resolve("run");
                File log = Files.createTempFile("driver-" + model, ".log").toFile();
                int rc = StandaloneCluster.waitFor(cluster.submit(log, train(model, run, 4)), 10);
                assertEquals(0, rc, model + ": " + Files.readString(log.toPath()));
                assertTrue(Files.exists(run.resolve("_SUCCESS")), model);
                List<JsonNode> m = metrics(run);
                assertEquals(4, m.size());
                for (JsonNode line : m) {
                    assertEquals(2, jvms(line).size(), model + ": both executors in every round: " + line);
                }
            }
        }
    }

    @Test
    void aWorkerKilledDuringTrainingCostsTasksNotTheRun() throws Exception {
        try (StandaloneCluster cluster = new StandaloneCluster(2)) {
            Path run = Files.createTempDirectory("cluster-kill").resolve("run");
            File log = Files.createTempFile("driver-kill", ".log").toFile();
            Process driver = cluster.submit(log, train("dcgan", run, 12));
            Path metrics = run.resolve("metrics.jsonl");
            long deadline = System.currentTimeMillis() + 300_000;
            while ((!Files.exists(metrics) || Files.readAllLines(metrics).size() < 3) && driver.isAlive()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(Files.exists(metrics), "training started: " + Files.readString(log.toPath()));
            Process victim = cluster.workers.get(1);
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
}
