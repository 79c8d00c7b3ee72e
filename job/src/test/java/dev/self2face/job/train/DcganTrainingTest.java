package dev.self2face.job.train;

import com.typesafe.config.ConfigFactory;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.run.PublishedModel;
import dev.self2face.job.run.RunStore;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DCGAN at 64x64 on the real Megamind faces with the small-data recipe: losses stay finite, D(x) and D(G(z)) move
 * away from where they start, the samples come nearer the person than the untrained generator's (random-feature FD,
 * face-api's descriptor distance), the fixed-noise grid is not one image repeated, and generate makes a grid from the
 * published run.
 */
class DcganTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void trainsPublishesAndGenerates() throws Exception {
        Path run = tmp.resolve("dcgan-run");
        Runs.Result r = Runs.cli(Runs.concat(List.of("train", "--model", "dcgan", "--data", MegamindDataset.path(),
                "--out", run.toString(), "--steps", "150", "--batch", "16", "--set", "training.log-every=10",
                "--set", "training.sample-every=50", "--set", "training.checkpoint-every=0",
                // the small-data settings of conf/local.conf's DCGAN
                "--set", "training.augment=[colour,translation,cutout]", "--set", "training.flip=true",
                "--set", "training.g-ema=1000", "--set", "training.ada-target=0.6",
                "--set", "training.learning-rate=0.0005", "--set", "training.d-learning-rate=0.00013"),
                MegamindDataset.smallModel("dcgan").toArray(String[]::new)));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(run.resolve("_SUCCESS")));

        List<JsonNode> m = Runs.metrics(run);
        assertEquals(16, m.size(), "step 1 and every 10th");
        for (JsonNode line : m) {
            for (String k : List.of("loss_D_real", "loss_D_fake", "loss_G_GAN", "D_x", "D_G_z")) {
                assertTrue(Double.isFinite(line.get(k).asDouble()), k + " finite in " + line);
            }
        }
        double dxMove = largestMove(m, "D_x");
        double dgzMove = largestMove(m, "D_G_z");
        assertTrue(dxMove > 0.05 && dgzMove > 0.05, "D(x) moved " + dxMove + ", D(G(z)) moved " + dgzMove);

        JsonNode e = Runs.json(run.resolve("evaluation.json"));
        // identical samples (G ignoring z) would give 0; after 150 steps on 151 faces they differ by ~0.03
        assertTrue(e.get("sample_pairwise_l1").asDouble() > 0.01, "the samples differ: " + e);
        for (String k : List.of("sample_pairwise_l1_real", "sample_ms_ssim", "sample_ms_ssim_real", "sample_fd",
                "sample_fd_std", "sample_fd_train", "sample_kid", "sample_kid_train", "sample_nn_train",
                "sample_nn_train_val")) {
            assertTrue(Double.isFinite(e.get(k).asDouble()), k + " in " + e);
        }
        // 150 steps from noise: farther from the val faces than the train faces are ...
        assertTrue(e.get("sample_fd").asDouble() > e.get("sample_fd_train").asDouble(), e.toString());
        // ... but learning: nearer than the untrained generator's samples, in random features and to face-api's
        // recognition net (a model whose learning is broken stays where it started)
        assertTrue(e.get("sample_fd").asDouble() < 0.8 * e.get("sample_fd_untrained").asDouble(), e.toString());
        assertTrue(e.get("identity_distance").asDouble() < e.get("identity_distance_untrained").asDouble() - 0.05,
                e.toString());

        // the published generator is G's moving average; a loaded model samples from it, not from a fresh average
        GanModel loaded = PublishedModel.load(new RunStore(new Storage(StorageSettings.from(ConfigFactory.load())),
                run.toString()));
        INDArray z = Nd4j.randn(DataType.FLOAT, 4, loaded.settings().zDim());
        Nd4j.getRandom().setSeed(1);
        INDArray sampled = loaded.graphs().sample(z);
        Nd4j.getRandom().setSeed(1);
        assertEquals(loaded.graphs().generator().output(true, z)[0], sampled);

        Path grid = tmp.resolve("faces.png");
        Runs.Result g = Runs.cli(List.of("generate", "--model", run.toString(), "--n", "9", "--out", grid.toString(),
                "--seed", "3"));
        assertEquals(0, g.exitCode(), g.err());
        BufferedImage img = ImageIO.read(grid.toFile());
        assertEquals(3 * 64 + 4 * 2, img.getWidth());
        Runs.Result jpg = Runs.cli(List.of("generate", "--model", run.toString(), "--out",
                tmp.resolve("faces.jpg").toString()));
        assertEquals(2, jpg.exitCode(), "a grid is a PNG: " + jpg.err());
        assertTrue(jpg.err().contains("faces.jpg") && jpg.err().contains(".png"), jpg.err());
        assertFalse(Files.exists(tmp.resolve("faces.jpg")));
        Path again = tmp.resolve("again.png");
        Runs.cli(List.of("generate", "--model", run.toString(), "--n", "9", "--out", again.toString(), "--seed", "3"));
        assertTrue(Arrays.equals(Files.readAllBytes(grid), Files.readAllBytes(again)), "same seed, same faces");
    }

    /** How far a figure got from its value on the first line. */
    static double largestMove(List<JsonNode> lines, String key) {
        double first = lines.get(0).get(key).asDouble();
        double most = 0;
        for (JsonNode l : lines) {
            most = Math.max(most, Math.abs(l.get(key).asDouble() - first));
        }
        return most;
    }
}
