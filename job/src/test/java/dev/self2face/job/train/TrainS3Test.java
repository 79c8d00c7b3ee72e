package dev.self2face.job.train;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigLoader;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import dev.self2face.testing.S3Server;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run trained locally from an s3a dataset and published to s3a on a real S3 server, then used from there, with
 * Hadoop's FileSystem cache off.
 */
// buckets of their own: Hadoop caches one S3A filesystem per bucket and JVM, and another test class talks to
// another S3 server (another endpoint) with a bucket called "datasets"
class TrainS3Test {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void trainsFromAndToS3AndGeneratesFromThere() throws Exception {
        try (S3Server s3 = S3Server.start("train-datasets", "train-runs")) {
            Config c = ConfigLoader.load(List.of(), new ArrayList<>(s3.settings()));
            Storage storage = new Storage(StorageSettings.from(c));
            storage.fs(new Path("s3a://train-datasets/")).copyFromLocalFile(false, true,
                    new Path(new File(MegamindDataset.path()).toURI()), new Path("s3a://train-datasets/megamind"));

            List<String> s3Sets = new ArrayList<>();
            s3.settings().forEach(s -> s3Sets.addAll(List.of("--set", s)));
            // no FileSystem left in Hadoop's cache by the copy above may make the reads work: every command sets up
            // its own storage
            s3Sets.addAll(List.of("--set", "storage.hadoop.\"fs.s3a.impl.disable.cache\"=true"));
            List<String> train = Runs.concat(List.of("train", "--model", "dcgan", "--data", "s3a://train-datasets/megamind",
                    "--out", "s3a://train-runs/dcgan", "--steps", "6", "--batch", "8", "--set", "training.log-every=2",
                    "--set", "training.sample-every=3", "--set", "training.checkpoint-every=3"),
                    MegamindDataset.smallModel("dcgan").toArray(String[]::new));
            train.addAll(s3Sets);
            Runs.Result r = Runs.cli(train);
            assertEquals(0, r.exitCode(), r.err());
            assertFalse(r.err().contains(s3.secretKey));
            for (String f : List.of("_SUCCESS", "generator.zip", "metrics.jsonl", "loss.png", "grid.png",
                    "samples/step-00000006.png", "checkpoints/step-00000003/_COMPLETE")) {
                assertTrue(storage.exists(new Path("s3a://train-runs/dcgan/" + f)), f);
            }

            List<String> gen = new ArrayList<>(List.of("generate", "--model", "s3a://train-runs/dcgan", "--n", "4",
                    "--out", tmp.resolve("g.png").toString()));
            gen.addAll(s3Sets);
            Runs.Result g = Runs.cli(gen);
            assertEquals(0, g.exitCode(), g.err());
            assertTrue(Files.size(tmp.resolve("g.png")) > 1000);
        }
    }
}
