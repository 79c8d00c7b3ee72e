package dev.self2face.job.eval;

import com.typesafe.config.ConfigFactory;
import dev.self2face.job.data.Batch;
import dev.self2face.job.model.DcGan;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.train.MegamindDataset;
import dev.self2face.job.train.TrainingData;
import dev.self2face.testing.Media;
import dev.self2face.testing.SparkTest;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics and warnings on the real Megamind faces, with generators broken on purpose: one whose every output is
 * the same face (collapsed), one that returns training frames (memorising), and real faces as a sanity check.
 */
class QualityChecksTest {
    static SparkSession spark;
    static EvalData data;

    @BeforeAll
    static void data() throws Exception {
        String dataset = MegamindDataset.path();
        spark = SparkTest.session("local[2]");
        TrainingData t = TrainingData.read(spark, dataset, 64, 8, 42);
        data = new EvalData(t.valBatches(256), t.fixedSamples(16), 16, 64, 42, () -> t.meanTrainFace(2000),
                () -> t.trainSample(1000), () -> FaceJudge.load("training.face-api", Media.faceApi().getPath(),
                        new Storage(StorageSettings.from(ConfigFactory.load()))));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static List<Metric> all() {
        return MetricRegistry.from(ConfigFactory.parseString("training.metrics = ["
                + "sample_pairwise_l1, sample_ms_ssim, sample_fd, sample_kid, sample_nn_train]"), DcGan.TYPE);
    }

    @Test
    void aCollapsedGeneratorIsFlagged() {
        ModelSettings s = new ModelSettings("dcgan", 64, 16, 8, 8, 0, false, 1, 2e-4, 0.5, 0.999, 7);
        GanModel model = s.create();
        // G's last layer with zero weights: tanh(0) everywhere, the same face for every z
        model.graphs().generator().getLayer("g_out").params().assign(0);
        Evaluator evaluator = new Evaluator(all(), data);
        Map<String, Double> baselines = evaluator.baselines(model).asMap();
        Figures f = evaluator.measure(model);
        assertEquals(0, f.get("sample_pairwise_l1"), 1e-6, f.toString());
        assertEquals(1, f.get("sample_ms_ssim"), 1e-6, f.toString());
        assertTrue(baselines.get("sample_pairwise_l1_real") > 0.05, baselines.toString());
        QualityWatch watch = new QualityWatch(all(), 100, List.of());
        List<QualityWarning> w = watch.afterEvaluation(10, f, baselines);
        assertTrue(w.stream().anyMatch(x -> x.code().equals("mode-collapse")), w.toString());
        // one face is far from the real ones in feature space too
        assertTrue(f.get("sample_fd") > 3 * baselines.get("sample_fd_train"), f + " vs " + baselines);
    }

    @Test
    void aGeneratorThatReturnsTrainingFramesIsAtZeroDistanceAndFlagged() {
        Batch train = data.trainSample().at(64);
        double nn = SampleMetric.NearestTrain.of(train.image(), data);
        assertEquals(0, nn, 1e-6);
        double val = SampleMetric.NearestTrain.of(data.valFaces(), data);
        assertTrue(val > 0.05, "val faces are new frames: " + val);
        QualityWatch watch = new QualityWatch(all(), 100, List.of());
        List<QualityWarning> w = watch.afterEvaluation(10, Figures.none().put("sample_nn_train", nn),
                Map.of("sample_nn_train_val", val));
        assertEquals(List.of("memorisation"), w.stream().map(QualityWarning::code).toList());
    }

    @Test
    void dWinningForThreeLoggedStepsIsFlaggedOnce() {
        QualityWatch watch = new QualityWatch(all(), 100, List.of());
        Figures wins = Figures.none().put("D_x", 0.99).put("D_G_z", 0.01);
        assertTrue(watch.afterLosses(1, wins).isEmpty());
        assertTrue(watch.afterLosses(2, wins).isEmpty());
        assertEquals("d-wins", watch.afterLosses(3, wins).get(0).code());
        assertTrue(watch.afterLosses(4, Figures.none().put("D_x", 0.7).put("D_G_z", 0.3)).isEmpty());
        assertEquals(1, watch.raised().size());
        assertEquals(3, watch.raised().get(0).step());
    }

    @Test
    void aDiscriminatorThatSaysTheSameOfRealAndFakeIsFlagged() {
        // what a DCGAN at learning-rate = 1 logs: D(x) = D(G(z)) = 1.000, G's loss 0
        QualityWatch watch = new QualityWatch(all(), 100, List.of());
        Figures stuck = Figures.none().put("D_x", 1.0).put("D_G_z", 0.9999);
        assertTrue(watch.afterLosses(1, stuck).isEmpty());
        assertTrue(watch.afterLosses(2, stuck).isEmpty());
        assertEquals(List.of("d-saturated"), watch.afterLosses(3, stuck).stream().map(QualityWarning::code).toList());
        Figures dead = Figures.none().put("D_x", 0.001).put("D_G_z", 0.0);
        QualityWatch other = new QualityWatch(all(), 100, List.of());
        for (int i = 1; i < 3; i++) {
            assertTrue(other.afterLosses(i, dead).isEmpty());
        }
        assertEquals("d-saturated", other.afterLosses(3, dead).get(0).code());
        // a balanced D, and one that wins (d-wins, not this), are not flagged
        QualityWatch fine = new QualityWatch(all(), 100, List.of());
        for (int i = 1; i < 6; i++) {
            fine.afterLosses(i, Figures.none().put("D_x", 0.6).put("D_G_z", 0.4));
        }
        for (int i = 6; i < 9; i++) {
            fine.afterLosses(i, Figures.none().put("D_x", 0.999).put("D_G_z", 0.001));
        }
        assertEquals(List.of("d-wins"), fine.raised().stream().map(QualityWarning::code).toList());
    }

    @Test
    void theFaceJudgeSeparatesFacesFromWhatOnlyLooksLikeThem() {
        // with its own baselines: real val faces, the mean face, the val faces' blocks shuffled
        FaceJudge judge = data.judge();
        INDArray val = FaceMetric.realVal(data);
        INDArray shuffled = FaceJudge.shuffledBlocks(val, 42);
        INDArray mean = FaceMetric.meanFace(data);
        assertTrue(judge.faceRate(val) >= 0.8, "real faces are found: " + judge.faceRate(val));
        assertEquals(0, judge.faceRate(shuffled), 0.2, "scrambled faces are not");
        assertEquals(0, judge.faceRate(mean), 1e-9, "the blurry mean face is not");
        INDArray person = data.meanTrainDescriptor();
        double real = FaceJudge.meanDistance(judge.descriptors(val), person);
        double scrambled = FaceJudge.meanDistance(judge.descriptors(shuffled), person);
        assertTrue(real < 0.45, "val faces are the person: " + real);
        assertTrue(scrambled > real + 0.15, "scrambled faces are farther: " + scrambled + " vs " + real);
        // a collapsed generator (one flat face for every z) is neither
        ModelSettings s = new ModelSettings("dcgan", 64, 16, 8, 8, 0, false, 1, 2e-4, 0.5, 0.999, 7);
        GanModel model = s.create();
        model.graphs().generator().getLayer("g_out").params().assign(0);
        Figures f = new Evaluator(MetricRegistry.from(ConfigFactory.parseString(
                "training.metrics = [face_rate, identity_distance]"), DcGan.TYPE), data).measure(model);
        assertEquals(0, f.get("face_rate"), 1e-9, f.toString());
        assertTrue(f.get("identity_distance") > real + 0.15, f.toString());
    }
}
