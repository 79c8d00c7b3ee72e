package dev.self2face.job.bench;

import dev.self2face.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.self2face.job.data.Batch;
import dev.self2face.job.eval.FaceJudge;
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

/**
 * {@code bench quality}: what the PyTorch DCGAN example's recipe makes of a dataset's train faces with a given budget
 * (same networks, steps and batch as the config's DCGAN), judged as self2face judges its own runs — face-api's
 * detector ({@code face_rate}) and recognition net ({@code identity_distance} to the mean train face descriptor) on
 * 32 samples — next to real val faces and, for each self2face run given, the same figures from its evaluation.json.
 * A Markdown table for docs/QUALITY.md.
 */
public final class QualityBenchmark {
    private static final int SAMPLES = 32;

    private QualityBenchmark() {
    }

    public static void run(TrainingRun.Settings s, List<String> runs, int threads, boolean smallData,
                           PrintStream out) throws Exception {
        ModelSettings m = s.m();
        TrainSettings t = s.t();
        Storage storage = new Storage(s.spark().storage());
        FaceJudge judge = FaceJudge.load("training.face-api", t.faceApi(), storage);
        INDArray train;
        INDArray val;
        try (SparkSession spark = JobSpark.start(s.spark(), "bench quality");
             TrainingData data = TrainingData.read(spark, t.data(), m.size(), t.batch(), t.seed())) {
            train = data.trainSample(100000).at(m.size()).image();
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

    private static String row(String what, double faceRate, double distance, String fd) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.3f | %s |", what, faceRate, distance, fd);
    }
}
