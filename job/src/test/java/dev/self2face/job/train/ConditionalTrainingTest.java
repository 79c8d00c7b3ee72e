package dev.self2face.job.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.layers.SpectralNormConvolution;
import dev.self2face.job.model.layers.SpectralNormTest;
import dev.self2face.job.run.PublishedModel;
import dev.self2face.job.run.RunStore;
import dev.self2face.storage.Storage;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.api.Layer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conditional model (cdcgan) at 64x64 on the real Megamind faces and the attributes read from their landmarks,
 * with the two-timescale hinge settings of conf/cdcgan.conf: D's classifier learns the val faces' attributes better
 * than chance, G's faces follow the attributes asked for (class consistency against the opposite set), every D layer
 * stays spectrally normalised, and generate draws grids by label and sweeps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConditionalTrainingTest {
    @TempDir
    static Path tmp;
    static Path run;
    static Runs.Result trained;

    @BeforeAll
    void train() throws Exception {
        run = tmp.resolve("cdcgan-run");
        List<String> args = new ArrayList<>(List.of("train", "--model", "cdcgan", "--data", MegamindDataset.path(),
                "--out", run.toString(), "--conf", Path.of("..", "conf", "cdcgan.conf").toString(),
                "--steps", "300", "--batch", "16", "--set", "training.log-every=10",
                "--set", "training.sample-every=100", "--set", "training.checkpoint-every=0"));
        args.addAll(MegamindDataset.smallModel("cdcgan"));
        trained = Runs.cli(args);
    }

    @Test
    void trainsWithTheLossesOfBothHeads() throws Exception {
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(Files.exists(run.resolve("_SUCCESS")));
        for (JsonNode line : Runs.metrics(run)) {
            for (String k : List.of("loss_D_real", "loss_D_fake", "loss_D_cls", "loss_G_GAN", "loss_G_cls", "D_x",
                    "D_G_z")) {
                assertTrue(Double.isFinite(line.get(k).asDouble()), k + " finite in " + line);
            }
        }
        JsonNode info = Runs.json(run.resolve("run.json"));
        JsonNode attributes = info.get("attributes");
        assertEquals(5, attributes.size(), info.toString());
        for (JsonNode a : attributes) {
            double positive = a.get("positive").asDouble();
            assertTrue(positive > 0.3 && positive < 0.7, "the median splits the train faces in halves: " + a);
        }
    }

    @Test
    void classifierBeatsChanceAndGeneratedFacesFollowTheirLabels() throws Exception {
        JsonNode e = Runs.json(run.resolve("evaluation.json"));
        System.out.println("cdcgan evaluation: " + e);
        double accuracy = e.get("aux_accuracy").asDouble();
        assertTrue(accuracy > 0.6, "D's classifier on the val faces: " + e);
        double asked = e.get("class_consistency").asDouble();
        double opposite = e.get("class_consistency_opposite").asDouble();
        assertTrue(asked > opposite + 0.2, "faces asked for a set are classified as it more often than faces asked "
                + "for the opposite set: " + asked + " vs " + opposite);
        // the same judged by a classifier trained apart from the model on the real train faces (G is trained to
        // satisfy D's classifier, not this one): the judge learned its train faces, and gives its verdict. At this
        // budget it does not see the attributes asked for (measured 0.19 against 0.22 for the opposite sets; its own
        // val accuracy 0.53): docs/QUALITY.md says so; what is checked here is that the verdict is there
        assertTrue(e.get("judge_accuracy_train").asDouble() > 0.8, e.toString());
        for (String k : List.of("judged_consistency", "judged_consistency_opposite", "judge_accuracy_val")) {
            double v = e.get(k).asDouble();
            assertTrue(v >= 0 && v <= 1, k + " in " + e);
        }
    }

    @Test
    void everyDiscriminatorLayerHasSpectralNormOne() {
        GanModel m = PublishedModel.load(new RunStore(new Storage(new Configuration()), run.toString()));
        int layers = 0;
        for (Layer l : m.graphs().discriminator().getLayers()) {
            if (l instanceof SpectralNormConvolution sn) {
                double sigma = SpectralNormTest.largestSingularValue(sn) / dev.self2face.job.model.layers.SpectralNorm
                        .sigma(sn);
                System.out.println("cdcgan " + l.conf().getLayer().getLayerName() + ": largest singular value of the "
                        + "normalised kernel " + sigma);
                assertEquals(1.0, sigma, 0.05, l.conf().getLayer().getLayerName());
                layers++;
            }
        }
        assertEquals(6, layers, "four down-sampling convolutions, the score and the classifier");
    }

    @Test
    void generatesByLabelsAndSweeps() throws Exception {
        Path grid = tmp.resolve("smiling.png");
        Runs.Result g = Runs.cli(List.of("generate", "--model", run.toString(), "--labels", "smile=1,mouth_open=0",
                "--n", "16", "--out", grid.toString()));
        assertEquals(0, g.exitCode(), g.err());
        assertEquals(4 * 64 + 5 * 2, ImageIO.read(grid.toFile()).getWidth());

        Path sweep = tmp.resolve("sweep.png");
        Runs.Result s = Runs.cli(List.of("generate", "--model", run.toString(), "--sweep", "mouth_open", "--n", "3",
                "--out", sweep.toString()));
        assertEquals(0, s.exitCode(), s.err());
        BufferedImage img = ImageIO.read(sweep.toFile());
        assertEquals(8 * 64 + 9 * 2, img.getWidth(), "eight steps from 0 to 1");
        assertEquals(3 * 64 + 4 * 2, img.getHeight(), "one row per face");
        assertTrue(differs(img, 0, 7), "the row changes as mouth_open goes from 0 to 1");

        Runs.Result bad = Runs.cli(List.of("generate", "--model", run.toString(), "--labels", "frown=1",
                "--out", tmp.resolve("x.png").toString()));
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("frown") && bad.err().contains("mouth_open"), bad.err());
    }

    @Test
    void datasetWithoutLandmarksIsRefusedBeforeSparkStarts() throws Exception {
        Path eyes = tmp.resolve("eyes-dataset");
        Files.createDirectories(eyes);
        Path source = Path.of(MegamindDataset.path());
        String manifest = Files.readString(source.resolve("_manifest.json"));
        assertTrue(manifest.contains("\"aligner\" : \"landmarks\""), "the manifest records the aligner");
        // the manifest of a dataset made with the eye aligner: all the check before Spark reads
        Files.writeString(eyes.resolve("_manifest.json"), manifest.replace("\"aligner\" : \"landmarks\"",
                "\"aligner\" : \"eyes\""));
        Files.copy(source.resolve("_SUCCESS"), eyes.resolve("_SUCCESS"));
        Runs.Result r = Runs.cli(List.of("train", "--model", "cdcgan", "--local", "--data", eyes.toString(),
                "--out", tmp.resolve("refused").toString()));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("etl.aligner = eyes") && r.err().contains(eyes.toString()), r.err());
        assertTrue(!r.err().contains("SparkContext"), "refused before Spark started: " + r.err());
        assertTrue(!Files.exists(tmp.resolve("refused")));
    }

    /** Whether the tiles in columns a and b of the first row differ. */
    private static boolean differs(BufferedImage img, int a, int b) {
        long diff = 0;
        for (int y = 2; y < 66; y++) {
            for (int x = 0; x < 64; x++) {
                int p = img.getRGB(2 + a * 66 + x, y);
                int q = img.getRGB(2 + b * 66 + x, y);
                diff += Math.abs((p & 0xff) - (q & 0xff));
            }
        }
        return diff / (64.0 * 64) > 2;
    }
}
