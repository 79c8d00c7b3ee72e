package dev.self2face.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import dev.self2face.config.ConfigLoader;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import dev.self2face.testing.Media;
import dev.self2face.testing.S3Server;
import dev.self2face.testing.SparkTest;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bucket to bucket on a real S3 server (S3Proxy on 127.0.0.1): the CLI, in its own JVM, reads the video from s3a,
 * publishes the dataset to s3a with credentials from the standard AWS variables, and never logs the secret.
 */
class S3RoundTripTest {
    private static final String DATASET = "s3a://datasets/[draft] megamind 100%";
    private final S3Server s3 = S3Server.start("videos", "datasets");

    S3RoundTripTest() throws Exception {
    }

    @Test
    void etlFromBucketToBucketAndReadBack() throws Exception {
        try (s3) {
            List<String> style = List.of("storage.s3.path-style-access=true", "storage.s3.ssl-enabled=false");
            Config c = ConfigLoader.load(List.of(), new ArrayList<>(s3.settings()));
            Storage storage = new Storage(StorageSettings.from(c));
            // names with characters URIs and globs give a meaning: keys are names, whatever they hold
            Path video = new Path("s3a://videos/people [cam 1]/clip[1] 100% it's.avi");
            FileSystem fs = storage.fs(video);
            fs.copyFromLocalFile(new Path(Media.megamind().toURI()), video);

            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", s3.accessKey,
                    "AWS_SECRET_ACCESS_KEY", s3.secretKey, "AWS_ENDPOINT_URL", s3.endpoint());
            List<String> args = new ArrayList<>(List.of("etl", "--input", "s3a://videos/people [cam 1]/",
                    "--output", DATASET, "--set", "etl.size=64", "--set", "spark.master=local[2]"));
            style.forEach(s -> args.addAll(List.of("--set", s)));
            CliProcess.Outcome etl = CliProcess.run(env, "info", args.toArray(String[]::new));
            assertEquals(0, etl.exitCode(), etl.output());
            assertTrue(etl.output().contains("pairs"), etl.output());
            assertFalse(etl.output().contains(s3.secretKey), "the secret appears in the logs");

            List<String> inspect = new ArrayList<>(List.of("inspect", "--json", DATASET));
            style.forEach(s -> inspect.addAll(List.of("--set", s)));
            CliProcess.Outcome shown = CliProcess.run(env, "warn", inspect.toArray(String[]::new));
            assertEquals(0, shown.exitCode(), shown.output());
            assertFalse(shown.output().contains(s3.secretKey));
            JsonNode json = new ObjectMapper().readTree(shown.output().substring(shown.output().indexOf('{')));
            assertTrue(json.get("published").asBoolean());
            long pairs = json.get("totals").get("pairs").asLong();
            assertTrue(pairs > 20, "pairs " + pairs);
            assertTrue(json.get("size_bytes").asLong() > 100_000);

            assertTrue(storage.exists(new Path(DATASET + "/_SUCCESS")));
            assertTrue(storage.exists(new Path(DATASET + "/contact-sheet.png")));
            var spark = SparkTest.session("local[2]");
            try {
                Storage.hadoopConf(spark.sparkContext().hadoopConfiguration(), StorageSettings.from(c));
                FacePairs ds = FacePairs.read(spark, DATASET);
                assertEquals(pairs, ds.pairs().count());
                assertEquals(pairs, ds.split(PairSchema.TRAIN).count() + ds.split(PairSchema.VAL).count());
            } finally {
                spark.stop();
            }
        }
    }
}
