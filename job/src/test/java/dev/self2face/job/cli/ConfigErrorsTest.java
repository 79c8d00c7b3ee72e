package dev.self2face.job.cli;

import dev.self2face.testing.Media;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad config and bad paths fail before Spark starts, with exit code 2 and a message naming the key or path. */
class ConfigErrorsTest {
    @TempDir
    Path tmp;

    private String[] etl(String... extra) {
        String[] base = {"etl", "--input", Media.megamind().getPath(), "--output", tmp.resolve("ds").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    private String fails(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(err, true), args);
        assertEquals(2, code, "exit code for " + String.join(" ", args) + ": " + err);
        assertTrue(SparkSession.getDefaultSession().isEmpty(), "Spark was started");
        return err.toString();
    }

    @Test
    void unknownKeyIsNamedWithASuggestion() {
        String msg = fails(etl("--set", "etl.sise=128"));
        assertTrue(msg.contains("etl.sise") && msg.contains("etl.size"), msg);
    }

    @Test
    void wrongTypeIsNamed() {
        String msg = fails(etl("--set", "etl.size=large"));
        assertTrue(msg.contains("etl.size") && msg.contains("number"), msg);
    }

    @Test
    void negativeSizeIsNamed() {
        String msg = fails(etl("--set", "etl.size=-5"));
        assertTrue(msg.contains("etl.size") && msg.contains("between"), msg);
    }

    @Test
    void badValueInAConfigFileNamesTheFile() throws Exception {
        Path conf = Files.writeString(tmp.resolve("bad.conf"), "etl { val-fraction = 3 }\n");
        String msg = fails(etl("--conf", conf.toString()));
        assertTrue(msg.contains("etl.val-fraction"), msg);
        Path typo = Files.writeString(tmp.resolve("typo.conf"), "etl { segmnet-seconds = 3 }\n");
        msg = fails(etl("--conf", typo.toString()));
        assertTrue(msg.contains("etl.segmnet-seconds") && msg.contains(typo.toString()), msg);
    }

    @Test
    void missingInputIsNamed() {
        String missing = tmp.resolve("no-such-video.mp4").toString();
        String msg = fails("etl", "--input", missing, "--output", tmp.resolve("ds").toString());
        assertTrue(msg.contains(missing) && msg.contains("no such file"), msg);
    }

    @Test
    void unwritableOutputIsNamedAndNothingIsLost() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "keep me");
        String out = file.resolve("ds").toString();
        String msg = fails(etl()[0], "--input", Media.megamind().getPath(), "--output", out);
        assertTrue(msg.contains(out) && msg.contains("not writable"), msg);
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void missingOrCorruptLandmarkModelIsNamedWithTheWayOut() throws Exception {
        String missing = tmp.resolve("no-model.dat").toString();
        String msg = fails(etl("--set", "etl.landmarks-model=" + missing));
        assertTrue(msg.contains("etl.landmarks-model") && msg.contains(missing) && msg.contains("fetch-sample-media")
                && msg.contains("etl.condition=edges"), msg);
        Path corrupt = Files.write(tmp.resolve("corrupt.dat"), new byte[] {1, 1, 7, 3, 3, 3});
        msg = fails(etl("--set", "etl.landmarks-model=" + corrupt));
        assertTrue(msg.contains(corrupt.toString()) && msg.contains("shape predictor"), msg);
    }

    @Test
    void missingFaceRecognitionWeightsOrAReferenceWithoutAFaceAreNamed() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no-weights"));
        String msg = fails(etl("--set", "etl.identity-weights=" + empty));
        assertTrue(msg.contains("etl.identity-weights") && msg.contains(empty.resolve(
                "face_recognition_model-weights_manifest.json").toString()) && msg.contains("fetch-sample-media")
                && msg.contains("etl.identity=off"), msg);
        Path notAnImage = Files.write(tmp.resolve("photo.png"), new byte[] {1, 2, 3});
        msg = fails(etl("--set", "etl.identity=reference", "--set",
                "etl.identity-reference=[\"" + notAnImage + "\"]"));
        assertTrue(msg.contains("etl.identity-reference") && msg.contains(notAnImage.toString()), msg);
        msg = fails(etl("--set", "etl.identity=reference"));
        assertTrue(msg.contains("etl.identity-reference") && msg.contains("empty"), msg);
    }

    @Test
    void landmarkSketchNeedsTheLandmarkAligner() {
        String msg = fails(etl("--set", "etl.aligner=eyes"));
        assertTrue(msg.contains("etl.condition") && msg.contains("etl.aligner"), msg);
    }

    @Test
    void conditionalModelSettingsAreChecked() {
        String[] train = {"train", "--model", "cdcgan", "--local", "--data", tmp.resolve("none").toString(), "--out",
            tmp.resolve("run").toString(), "--set"};
        String msg = fails(concat(train, "model.cdcgan.attributes=[smile, frown]"));
        assertTrue(msg.contains("model.cdcgan.attributes") && msg.contains("frown") && msg.contains("mouth_open"),
                msg);
        msg = fails(concat(train, "model.cdcgan.attributes=[]"));
        assertTrue(msg.contains("model.cdcgan.attributes") && msg.contains("at least one"), msg);
        msg = fails(concat(train, "model.loss=wasserstein"));
        assertTrue(msg.contains("model.loss") && msg.contains("hinge"), msg);
        msg = fails(concat(train, "model.cdcgan.d-steps=0"));
        assertTrue(msg.contains("model.cdcgan.d-steps"), msg);
        // mirrored faces turn the other way: refused with a yaw attribute
        msg = fails(concat(train, "training.flip=true"));
        assertTrue(msg.contains("training.flip") && msg.contains("yaw"), msg);
        msg = fails(concat(train, "training.augment=[colour, blur]"));
        assertTrue(msg.contains("training.augment") && msg.contains("blur") && msg.contains("cutout"), msg);
    }

    @Test
    void missingFaceApiWeightsForTheFaceMetricsAreNamedBeforeSparkStarts() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no-face-api"));
        String msg = fails("train", "--model", "dcgan", "--local", "--data",
                dev.self2face.job.train.MegamindDataset.path(), "--out", tmp.resolve("run").toString(), "--set",
                "training.face-api=" + empty);
        assertTrue(msg.contains("training.face-api") && msg.contains(empty.resolve(
                "ssd_mobilenetv1_model-weights_manifest.json").toString()) && msg.contains("fetch-sample-media")
                && msg.contains("training.metrics"), msg);
        assertTrue(SparkSession.getDefaultSession().isEmpty(), "refused before Spark started");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void helpListsEveryOptionAndConfigKeyWithDefaults() {
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Main());
        cli.getSubcommands().get("etl").getCommandSpec().usageMessage().footer(Main.keysHelp("etl"));
        cli.getSubcommands().get("etl").usage(new PrintWriter(out));
        String help = out.toString();
        for (String s : new String[] {"--input", "--output", "--conf", "--set", "etl.segment-seconds", "60",
            "etl.target-pairs", "10000", "etl.val-fraction"}) {
            assertTrue(help.contains(s), "help lacks " + s + ":\n" + help);
        }
        assertFalse(help.contains("%n"));
    }
}
