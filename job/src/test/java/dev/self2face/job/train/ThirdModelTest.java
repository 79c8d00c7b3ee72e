package dev.self2face.job.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model defined only in the tests ({@code dev.self2face.job.extension.TinyGan}, registered as a service) trains,
 * resumes, publishes and generates through the ordinary commands: a new model needs no edits anywhere else.
 */
class ThirdModelTest {
    @TempDir
    Path tmp;

    @Test
    void aModelDefinedOnlyInTheTestsTrainsResumesAndGenerates() throws Exception {
        Path run = tmp.resolve("tiny-run");
        List<String> train = List.of("train", "--local", "--model", "tiny", "--size", "64", "--data",
                MegamindDataset.path(), "--out", run.toString(), "--steps", "30", "--batch", "8",
                "--set", "model.tiny.z-dim=16", "--set", "model.tiny.ngf=8", "--set", "model.tiny.ndf=8",
                "--set", "training.log-every=5", "--set", "training.sample-every=10",
                "--set", "training.checkpoint-every=10", "--set", "training.eval-samples=64",
                "--set", "spark.master=local[2]",
                "--set", "spark.conf.\"spark.ui.enabled\"=false");
        Runs.Result first = Runs.cli(train);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(Files.exists(run.resolve("_SUCCESS")));
        // unpublish it: --resume restores the model from its checkpoint at step 20 and trains the last 10 steps
        Files.delete(run.resolve("_SUCCESS"));
        Runs.Result r = Runs.cli(Runs.concat(train, "--resume"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(run.resolve("_SUCCESS")));

        List<JsonNode> m = Runs.metrics(run);
        for (JsonNode line : m) {
            for (String k : List.of("loss_D_real", "loss_D_fake", "loss_G_GAN", "D_x", "D_G_z")) {
                assertTrue(Double.isFinite(line.get(k).asDouble()), k + " in " + line);
            }
        }
        List<JsonNode> evaluations = Runs.evaluations(run);
        assertEquals(List.of(10L, 20L, 30L), evaluations.stream().map(l -> l.get("step").asLong()).toList());
        for (JsonNode line : evaluations) {
            assertTrue(line.has("sample_pairwise_l1") && line.has("sample_fd"), line.toString());
            assertTrue(!line.has("val_l1"), "val L1 does not apply to a noise model: " + line);
        }
        JsonNode e = Runs.json(run.resolve("evaluation.json"));
        assertTrue(e.get("sample_pairwise_l1").asDouble() > 0, e.toString());
        assertTrue(Files.exists(run.resolve("samples/step-00000030.png")));
        assertTrue(Files.exists(run.resolve("loss.png")));

        Path grid = tmp.resolve("faces.png");
        Runs.Result g = Runs.cli(List.of("generate", "--model", run.toString(), "--n", "4", "--out",
                grid.toString()));
        assertEquals(0, g.exitCode(), g.err());
        BufferedImage img = ImageIO.read(grid.toFile());
        assertEquals(2 * 64 + 3 * 2, img.getWidth());
    }
}
