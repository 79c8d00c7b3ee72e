package dev.self2face.job.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.self2face.job.bench.StandaloneCluster;
import dev.self2face.job.train.MegamindDataset;
import dev.self2face.testing.Media;
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
 * each its own JVM on 127.0.0.1: the pipeline, submitted with deploy/spark-submit.sh, runs the ETL and trains
 * pix2pix and DCGAN with parameter averaging over both executors and publishes them;
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
        assertFalse(Files.exists(cluster.logs()), "the cluster's logs and executors' work dirs are deleted on close");
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

    /**
     * The nightly pipeline as a user submits it: deploy/spark-submit.sh with the shaded jar, ETL on the executors,
     * pix2pix and DCGAN trained with parameter averaging over both executors, both published with LATEST.
     */
    @Test
    @Order(1)
    void thePipelineThroughDeploySparkSubmitTrainsOnTwoExecutorsAndPublishes() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path root = Files.createTempDirectory("cluster-pipeline");
        Path conf = Files.createTempFile("cluster", ".conf");
        Files.writeString(conf, String.join("\n",
                "training { local = false, rounds = 4, workers = 2, batch-per-worker = 4, averaging-frequency = 1,",
                "  log-every = 1, sample-every = 1000, checkpoint-every = 2, eval-samples = 64, progress-seconds = 5 }",
                "model.size = 64",
                "pipeline.train {",
                "  pix2pix.model.pix2pix { ngf = 8, ndf = 8 }",
                "  dcgan.model.dcgan { ngf = 8, ndf = 8 }",
                "}",
                // 4 rounds make no faces: the gate's own quality checks are PipelineTest's
                "pipeline.gate { pix2pix.block-on = [], dcgan.block-on = [] }"));
        File log = Files.createTempFile("driver-pipeline", ".log").toFile();
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("deploy/spark-submit.sh").toString(),
                "--master", cluster.url(), "--deploy-mode", "client", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.memory=1g", "--",
                "pipeline", "--conf", conf.toString(), "--root", root.toString(), "--input",
                Media.megamind().getPath()).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("SPARK_HOME", System.getProperty("spark.home.dir"));
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SELF2FACE_JAR", System.getProperty("job.jar"));
        pb.environment().put("SELF2FACE_PACKAGES", "");
        pb.environment().put("SELF2FACE_DRIVER_MEMORY", "2g");
        int rc = StandaloneCluster.waitFor(pb.start(), 15);
        String out = Files.readString(log.toPath());
        assertEquals(0, rc, out);
        for (String model : List.of("pix2pix", "dcgan")) {
            String id = Files.readString(root.resolve("models/" + model + "/LATEST")).trim();
            assertTrue(Files.exists(root.resolve("models/" + model + "/" + id + "/_SUCCESS")), model);
            List<JsonNode> m = metrics(root.resolve("runs/" + id + "/" + model));
            assertEquals(4, m.size(), model);
            for (JsonNode line : m) {
                assertEquals(2, jvms(line).size(), model + ": both executors in every round: " + line);
            }
        }
        assertTrue(out.contains("live pix2pix: " + root.resolve("models/pix2pix")), out);
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
