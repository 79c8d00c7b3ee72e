package dev.self2face.job.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.self2face.job.cli.Main;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 2N steps straight, and the same run killed (a real kill -9 of its JVM) after its checkpoint at step N and
 * resumed: the same parameters and the same metrics lines at the end; nothing published in between; a newer
 * checkpoint cut off mid-write is named, removed and skipped. D is spectrally normalised and the small-data
 * techniques are on (augmentation, mirrored pairs, G's moving average, adaptive augmentation), so the hand-written
 * layers' configuration and state, the average and the adaptive probability go through the checkpoint as well.
 */
class ResumeTest {
    static final int N = 10;
    @TempDir
    Path tmp;

    static List<String> args(Path out) throws Exception {
        return Runs.concat(List.of("train", "--model", "dcgan", "--data", MegamindDataset.path(), "--out",
                out.toString(), "--steps", String.valueOf(4 * N), "--batch", "8", "--set", "training.log-every=2",
                "--set", "training.sample-every=10", "--set", "training.checkpoint-every=" + N,
                "--set", "model.dcgan.ngf=8", "--set", "model.dcgan.ndf=8", "--set", "training.eval-samples=64",
                // the custom layer's configuration and its u must survive the checkpoint too
                "--set", "model.discriminator.spectral-norm=true",
                // and the small-data techniques: augmentation's draws, the mirrored pairs, G's moving average and
                // adaptive augmentation's probability
                "--set", "training.augment=[colour,translation,cutout]", "--set", "training.flip=true",
                "--set", "training.g-ema=100", "--set", "training.ada-target=0.6", "--set", "training.ada-images=200"),
                MegamindDataset.smallModel("dcgan").subList(0, 3).toArray(String[]::new));
    }

    @Test
    void killedAndResumedEqualsStraight() throws Exception {
        Path straight = tmp.resolve("straight");
        Runs.Result a = Runs.cli(args(straight));
        assertEquals(0, a.exitCode(), a.err());

        Path resumed = tmp.resolve("resumed");
        Process child = startChild(args(resumed));
        Path firstCheckpoint = resumed.resolve("checkpoints/step-00000010/_COMPLETE");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.exists(firstCheckpoint) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(firstCheckpoint), "the child wrote its first checkpoint");
        child.destroyForcibly().waitFor();
        assertFalse(Files.exists(resumed.resolve("_SUCCESS")), "a killed run is not published");
        Runs.Result early = Runs.cli(List.of("generate", "--model", resumed.toString(), "--out",
                tmp.resolve("x.png").toString()));
        assertEquals(2, early.exitCode(), early.err());
        assertTrue(early.err().contains("not published"), early.err());
        Runs.Result again = Runs.cli(args(resumed));
        assertEquals(2, again.exitCode(), "a fresh start over an unfinished run is refused: " + again.err());

        // what a kill while writing leaves: a newer checkpoint without its _COMPLETE marker, half a zip in it, and
        // the temporary file of an atomic write
        Path complete = resumed.resolve("checkpoints/step-00000010");
        Path partial = Files.createDirectories(resumed.resolve("checkpoints/step-00000020"));
        Files.write(partial.resolve("adversarial.zip"),
                Arrays.copyOf(Files.readAllBytes(complete.resolve("adversarial.zip")), 4096));
        Path temporary = Files.writeString(complete.resolve("_tmp-state.json-0d1e2f"), "{\"step\":");

        Process resume = startChild(Runs.concat(args(resumed), "--resume"));
        assertTrue(resume.waitFor(5, TimeUnit.MINUTES));
        String said = Files.readString(logOf(resume));
        assertEquals(0, resume.exitValue(), said);
        assertTrue(said.contains("the checkpoint at step 20 in " + resumed + " is incomplete (the run stopped while "
                + "writing it): removed; resuming from the one at step 10"), said);
        assertTrue(said.contains("removed 1 temporary file(s)"), said);
        assertFalse(Files.exists(temporary));
        assertTrue(Files.exists(resumed.resolve("_SUCCESS")));

        for (String zip : List.of("generator.zip", "discriminator.zip")) {
            INDArray p1 = params(straight.resolve(zip));
            INDArray p2 = params(resumed.resolve(zip));
            double diff = p1.sub(p2).amaxNumber().doubleValue();
            assertTrue(diff < 1e-4, zip + ": max parameter difference " + diff);
        }
        List<JsonNode> m1 = Runs.metrics(straight);
        List<JsonNode> m2 = Runs.metrics(resumed);
        assertEquals(m1.size(), m2.size());
        for (int i = 0; i < m1.size(); i++) {
            ObjectNode l1 = withoutTiming(m1.get(i));
            ObjectNode l2 = withoutTiming(m2.get(i));
            assertEquals(l1.get("step"), l2.get("step"));
            for (String k : List.of("loss_D_real", "loss_D_fake", "loss_G_GAN", "D_x", "D_G_z")) {
                assertEquals(l1.get(k).asDouble(), l2.get(k).asDouble(), 1e-4, k + " at step " + l1.get("step"));
            }
        }
    }

    static ObjectNode withoutTiming(JsonNode n) {
        ObjectNode o = ((ObjectNode) n).deepCopy();
        o.remove(List.of("images_per_s", "wall_s"));
        return o;
    }

    static INDArray params(Path zip) throws Exception {
        ComputationGraph g = ModelSerializer.restoreComputationGraph(zip.toFile(), false);
        return g.params();
    }

    static Process startChild(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        cmd.addAll(Arrays.asList(System.getProperty("java17.opens").trim().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        File log = Files.createTempFile("child", ".log").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        LOGS.put(p, log.toPath());
        return p;
    }

    private static final Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Everything a child started by {@link #startChild} printed. */
    static Path logOf(Process p) {
        return LOGS.get(p);
    }
}
