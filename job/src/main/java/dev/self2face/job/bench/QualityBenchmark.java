package dev.self2face.job.bench;

import dev.self2face.config.ConfigError;
import dev.self2face.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.self2face.job.data.Batch;
import dev.self2face.job.eval.EvalData;
import dev.self2face.job.eval.FaceJudge;
import dev.self2face.job.eval.MetricRegistry;
import dev.self2face.job.eval.Snapshot;
import dev.self2face.job.model.DcGan;
import dev.self2face.job.model.Pix2Pix;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.job.train.TrainSettings;
import dev.self2face.job.train.TrainingRun;
import dev.self2face.job.train.TrainingData;
import dev.self2face.storage.Storage;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code bench quality}: what a PyTorch reference makes of a dataset with a given budget (same networks, steps and
 * batch as the config's model), judged as self2face judges its own runs, next to baselines and, for each self2face
 * run given, the same figures from its evaluation.json. A Markdown table for docs/QUALITY.md.
 * <ul>
 *   <li>DCGAN: the PyTorch DCGAN example's recipe on the train faces; face-api's detector ({@code face_rate}) and
 *   recognition net ({@code identity_distance} to the mean train face descriptor) on 32 samples; real val faces.</li>
 *   <li>pix2pix: the paper's recipe on the train pairs; its faces for the val conditions (val L1, SSIM, PSNR, face
 *   rate, identity distance to each real face); the retrieval baseline and the mean train face.</li>
 * </ul>
 */
public final class QualityBenchmark {
    private static final int SAMPLES = 32;
    /** pix2pix's columns, in order. */
    private static final List<String> PAIR_METRICS = List.of("val_l1", "val_ssim", "val_psnr", "face_rate",
            "identity_distance");

    private QualityBenchmark() {
    }

    public static void run(TrainingRun.Settings s, List<String> runs, int threads, boolean smallData,
                           PrintStream out) throws Exception {
        if (s.m().kind().equals(Pix2Pix.TYPE.id())) {
            pix2pix(s, runs, threads, out);
            return;
        }
        if (!s.m().kind().equals(DcGan.TYPE.id())) {
            throw new ConfigError("bench quality --model " + s.m().kind() + ": no PyTorch reference recipe for it "
                    + "(dcgan or pix2pix)");
        }
        ModelSettings m = s.m();
        TrainSettings t = s.t();
        Storage storage = new Storage(s.spark().storage());
        FaceJudge judge = FaceJudge.load("training.face-api", t.faceApi(), storage);
        INDArray train;
        INDArray val;
        try (SparkSession spark = JobSpark.start(s.spark(), "bench quality");
             TrainingData data = TrainingData.read(spark, t.data(), m.size(), t.batch(), t.seed())) {
            train = data.trainSample(referencePairs(m.size())).at(m.size()).image();
            val = Nd4j.concat(0, data.valBatches(SAMPLES).stream().map(Batch::image).toArray(INDArray[]::new));
        }
        INDArray person = judge.descriptors(train).mean(0);
        List<String> rows = new ArrayList<>();
        rows.add(row("real val faces", judge.faceRate(val), FaceJudge.meanDistance(judge.descriptors(val), person),
                "-"));
        String why = TorchReference.unavailable();
        if (why == null) {
            System.err.printf("bench: the PyTorch DCGAN example's recipe, %d steps of %d on %d faces...%n", t.steps(),
                    t.batch(), train.size(0));
            TorchReference.Trained r = TorchReference.trainOnFaces(m, train, t.batch(), t.steps(), threads, SAMPLES,
                    smallData);
            rows.add(row(String.format(Locale.ROOT, "PyTorch %s, DCGAN example recipe%s, ngf = ndf = %d/%d, %d "
                    + "steps of %d (%.0f s)", r.torchVersion(), smallData ? " + DiffAugment, flips, G's average"
                    : "", m.ngf(), m.ndf(), t.steps(), t.batch(), r.trainSeconds()), judge.faceRate(r.samples()),
                    FaceJudge.meanDistance(judge.descriptors(r.samples()), person), "-"));
        } else {
            rows.add("| PyTorch reference | not run: " + why + " | | | |");
        }
        for (String uri : runs) {
            JsonNode e = Json.MAPPER.readTree(new RunStore(storage, uri).read(RunStore.EVALUATION));
            rows.add(row("self2face " + uri, e.path("face_rate").asDouble(Double.NaN),
                    e.path("identity_distance").asDouble(Double.NaN), e.path("sample_fd").asText("-")));
        }
        out.println("| faces | face_rate | identity_distance | sample_fd |");
        out.println("|---|---:|---:|---:|");
        rows.forEach(out::println);
        out.println(Machine.describe());
    }

    /**
     * pix2pix: the paper's recipe in PyTorch (same networks, λ, steps and batch) on the train pairs, its faces for the
     * val conditions judged as a self2face run's are — val L1, SSIM and PSNR against the real faces, face_rate and
     * identity_distance (each face to its own real face) on the first 32 — next to the nearest train frame by
     * condition (the retrieval baseline), the mean train face and each run's evaluation.json.
     */
    private static void pix2pix(TrainingRun.Settings s, List<String> runs, int threads, PrintStream out)
            throws Exception {
        ModelSettings m = s.m();
        TrainSettings t = s.t();
        Storage storage = new Storage(s.spark().storage());
        EvalData d;
        Batch train;
        int trainPairs;
        try (SparkSession spark = JobSpark.start(s.spark(), "bench quality");
             TrainingData data = TrainingData.read(spark, t.data(), m.size(), t.batch(), t.seed())) {
            train = data.trainSample(referencePairs(m.size())).at(m.size());
            trainPairs = data.trainPairs();
            d = data.evalData(t, storage);
            // read now: the rows are gone once the data is closed
            d.valFaces();
            d.valConditions();
            d.retrievalFaces();
            d.meanTrainFace();
        }
        INDArray val = d.valFaces();
        List<String> rows = new ArrayList<>();
        rows.add(pairRow("nearest train frame by condition (retrieval)", d.retrievalFaces(), d));
        rows.add(pairRow("mean train face", d.meanTrainFace().reshape(d.meanTrainFace().shape())
                .broadcast(val.shape()).dup(), d));
        String why = TorchReference.unavailable();
        if (why == null) {
            System.err.printf("bench: pix2pix's recipe in PyTorch, %d steps of %d on %d pairs...%n", t.steps(),
                    t.batch(), train.size());
            TorchReference.Trained r = TorchReference.trainOnPairs(m, train.condition(), train.image(),
                    d.valConditions(), t.batch(), t.steps(), threads);
            rows.add(pairRow(String.format(Locale.ROOT, "PyTorch %s, the paper's recipe, ngf = ndf = %d/%d, λ %s, "
                    + "%d steps of %d (%.0f s)", r.torchVersion(), m.ngf(), m.ndf(), number(m.lambdaL1()), t.steps(),
                    t.batch(), r.trainSeconds()), r.samples(), d));
        } else {
            rows.add("| PyTorch reference | not run: " + why + " | | | | |");
        }
        for (String uri : runs) {
            JsonNode e = Json.MAPPER.readTree(new RunStore(storage, uri).read(RunStore.EVALUATION));
            rows.add(pairRow("self2face " + uri, metric -> e.path(metric).asDouble(Double.NaN)));
        }
        out.printf(Locale.ROOT, "%d train pairs (the reference trains on %d of them, evenly spaced), %d val pairs%n",
                trainPairs, train.size(), val.size(0));
        out.println("| faces for the val conditions | val_l1 | val_ssim | val_psnr | face_rate | identity_distance |");
        out.println("|---|---:|---:|---:|---:|---:|");
        rows.forEach(out::println);
        out.println(Machine.describe());
    }

    /** One row: faces made for the val conditions, measured by the metrics a pix2pix run measures itself with. */
    private static String pairRow(String what, INDArray made, EvalData d) {
        Snapshot s = Snapshot.ofValFaces(Pix2Pix.TYPE, d, made);
        return pairRow(what, metric -> MetricRegistry.named(metric).measure(s).get(metric));
    }

    /** One row of {@link #PAIR_METRICS}' values. */
    private static String pairRow(String what, ToDoubleFunction<String> value) {
        StringBuilder row = new StringBuilder("| " + what);
        for (String metric : PAIR_METRICS) {
            String format = metric.equals("val_psnr") || metric.equals("face_rate") ? " | %.2f" : " | %.3f";
            row.append(String.format(Locale.ROOT, format, value.applyAsDouble(metric)));
        }
        return row.append(" |").toString();
    }

    /**
     * How many train images the reference gets, evenly spaced: all of a small dataset, at most ~400 MB of floats per
     * array (8,138 at 64 px, 508 at 256 px) of a large one — they are held three times (ND4J, the file, PyTorch).
     */
    static int referencePairs(int size) {
        return (int) (400_000_000L / (3L * size * size * Float.BYTES));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String row(String what, double faceRate, double distance, String fd) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.3f | %s |", what, faceRate, distance, fd);
    }
}
