package dev.self2face.job.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on Spark (local[2]: the same code path as a cluster, two task slots as workers) with dl4j-spark's
 * parameter averaging, for every built-in model: every round both workers fit, metrics say so, and the run is
 * published like a local one.
 */
class SparkTrainingTest {
    @TempDir
    Path tmp;

    static List<String> args(String model, Path out, int rounds) throws Exception {
        String section = "model." + model + ".";
        return List.of("train", "--model", model, "--data", MegamindDataset.path(), "--out", out.toString(),
                "--size", "64", "--rounds", String.valueOf(rounds), "--workers", "2",
                "--set", "training.batch-per-worker=4", "--set", "training.averaging-frequency=1",
                "--set", "training.log-every=1",
                "--set", "training.sample-every=5", "--set", "training.checkpoint-every=5",
                "--set", "training.eval-samples=64",
                "--set", section + "ngf=8", "--set", section + "ndf=8", "--set", "spark.master=local[2]",
                "--set", "spark.conf.\"spark.ui.enabled\"=false", "--set", "training.progress-seconds=5");
    }

    @Test
    void everyModelTrainsWithParameterAveraging() throws Exception {
        for (String model : List.of("pix2pix", "dcgan", "cdcgan")) {
            Path run = tmp.resolve(model);
            // the conditional model with two D updates per G update: D's sets per round double
            // DCGAN with the small-data techniques: the augmentation layer goes to the executors with D's
            // configuration, the moving average follows each averaged G, adaptive augmentation each round
            Runs.Result r = Runs.cli(model.equals("cdcgan") ? Runs.concat(args(model, run, 6), "--set",
                    "model.cdcgan.d-steps=2", "--set", "model.loss=hinge")
                    : model.equals("dcgan") ? Runs.concat(args(model, run, 6), "--set",
                    "training.augment=[colour,translation,cutout]", "--set", "training.flip=true", "--set",
                    "training.g-ema=100", "--set", "training.ada-target=0.6", "--set", "training.ada-images=100")
                    : args(model, run, 6));
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(Files.exists(run.resolve("_SUCCESS")), model);
            List<JsonNode> m = Runs.metrics(run);
            assertEquals(6, m.size(), model + ": a line per round");
            if (model.equals("dcgan")) {
                assertTrue(Files.exists(run.resolve("checkpoints/step-00000005/generator-average.zip")),
                        "G's moving average is checkpointed");
            }
            for (JsonNode line : m) {
                assertEquals(2, line.get("workers").asInt(), model + ": both workers in round " + line);
                assertEquals(2, line.get("worker_ids").size(), line.toString());
                assertTrue(line.get("compute_s").asDouble() > 0, line.toString());
                // the driver's view of the round: the count job made the minibatches, the training job contained
                // the workers' fits, and fetching the broadcast is part of the workers' rebuild
                assertTrue(line.get("prepare_s").asDouble() > 0, line.toString());
                assertTrue(line.get("aggregate_s").asDouble() >= line.get("compute_s").asDouble() - 0.02,
                        line.toString());
                assertTrue(line.get("fetch_s").asDouble() <= line.get("init_s").asDouble() + 0.02, line.toString());
                assertTrue(line.has("broadcast_s") && line.has("update_s"), line.toString());
                assertTrue(Double.isFinite(line.get("after_round_loss_D_real").asDouble()), line.toString());
                if (model.equals("dcgan")) {
                    assertTrue(line.has("augment_p"), "adaptive augmentation adjusted in round " + line);
                }
                if (model.equals("cdcgan")) {
                    assertTrue(Double.isFinite(line.get("after_round_loss_D_cls").asDouble()), line.toString());
                    assertTrue(Double.isFinite(line.get("after_round_loss_G_cls").asDouble()), line.toString());
                }
            }
        }
    }
}
