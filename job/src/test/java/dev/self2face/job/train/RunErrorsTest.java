package dev.self2face.job.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs that cannot be used as asked fail with exit code 2 and a message naming the run and the reason. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunErrorsTest {
    Path dcgan;

    @BeforeAll
    void tinyRun() throws Exception {
        // a run folder whose name holds characters URIs, globs and HOCON give a meaning: it is a name
        dcgan = Files.createTempDirectory("tiny-dcgan [draft] 100% #");
        Files.delete(dcgan);
        Runs.Result r = Runs.cli(Runs.concat(List.of("train", "--model", "dcgan", "--data", MegamindDataset.path(),
                "--out", dcgan.toString(), "--steps", "3", "--batch", "8", "--set", "model.dcgan.z-dim=8"),
                MegamindDataset.smallModel("dcgan").toArray(String[]::new)));
        assertEquals(0, r.exitCode(), r.err());
    }

    static void fails(String expected, String... args) {
        Runs.Result r = Runs.cli(List.of(args));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    }

    @Test
    void missingRun() {
        fails("no such directory", "generate", "--model", "/nonexistent/run", "--out", "/tmp/x.png");
    }

    @Test
    void wrongKind() throws Exception {
        Path in = Files.createTempDirectory("cond");
        Files.write(in.resolve("a.png"), Files.readAllBytes(dcgan.resolve("grid.png")));
        fails("is a dcgan run (DCGAN (Radford et al. 2015): noise -> face); this command needs a model whose "
                + "generator takes condition image (pix2pix)", "translate", "--model", dcgan.toString(),
                "--input", in.toString(), "--out", in.resolve("out").toString());
    }

    @Test
    void wrongSize() {
        fails("makes 64x64 images, not 128x128", "generate", "--model", dcgan.toString(), "--size", "128",
                "--out", "/tmp/x.png");
    }

    @Test
    void unpublishedRun() throws Exception {
        Path copy = Files.createTempDirectory("unpublished");
        Files.copy(dcgan.resolve("run.json"), copy.resolve("run.json"));
        Files.copy(dcgan.resolve("generator.zip"), copy.resolve("generator.zip"));
        fails("not published (no _SUCCESS)", "generate", "--model", copy.toString(), "--out", "/tmp/x.png");
    }

    @Test
    void notARun() throws Exception {
        fails("not a self2face training run", "generate", "--model", MegamindDataset.path(), "--out", "/tmp/x.png");
    }

    @Test
    void trainingOverAPublishedRunOrWithBadSettings() throws Exception {
        fails("already published", "train", "--local", "--model", "dcgan", "--data", MegamindDataset.path(),
                "--out", dcgan.toString());
        fails("'model.kind' = 'gan': must be one of dcgan, pix2pix", "train", "--local", "--model", "gan",
                "--data", MegamindDataset.path(), "--out", "/tmp/never");
        fails("'training.metrics': unknown metric 'fid' (known: val_l1, val_psnr, val_ssim", "train", "--local",
                "--set", "training.metrics=[val_l1,fid]", "--data", MegamindDataset.path(), "--out", "/tmp/never");
        fails("'model.size' = 100: must be 64, 128 or 256", "train", "--local", "--size", "100", "--data",
                MegamindDataset.path(), "--out", "/tmp/never");
        fails("not a published self2face dataset", "train", "--local", "--data", "/tmp", "--out", "/tmp/never");
        fails("larger than the dataset's train split", "train", "--local", "--batch", "4000", "--data",
                MegamindDataset.path(), "--out", Files.createTempDirectory("big").resolve("r").toString(),
                "--set", "spark.master=local[2]");
        fails("'training.batch-per-worker' = 0", "train", "--data", MegamindDataset.path(), "--out", "/tmp/never",
                "--set", "training.batch-per-worker=0");
    }

    @Test
    void aRunAnotherProcessIsWritingIsRefusedBeforeSparkStarts() throws Exception {
        Path run = Files.createTempDirectory("busy");
        Files.writeString(run.resolve("_LOCK"), "{\"host\":\"trainer-3.example\",\"pid\":4242,\"startedAt\":"
                + "\"2026-12-07T01:00:00Z\",\"what\":\"train dcgan\",\"token\":\"t\"}");
        // a master URL Spark cannot parse: a refusal that came after Spark's start would be Spark's error instead
        fails("is being written by another self2face run (train dcgan on host trainer-3.example, pid 4242", "train",
                "--local", "--resume", "--model", "dcgan", "--data", MegamindDataset.path(), "--out", run.toString(),
                "--set", "spark.master=no-such-master");
    }
}
