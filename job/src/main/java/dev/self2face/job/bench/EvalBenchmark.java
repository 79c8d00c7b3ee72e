package dev.self2face.job.bench;

import dev.self2face.etl.face.Png;
import dev.self2face.job.data.Batch;
import dev.self2face.job.data.PairSample;
import dev.self2face.job.eval.EvalData;
import dev.self2face.job.eval.Evaluator;
import dev.self2face.job.eval.FaceJudge;
import dev.self2face.job.eval.Metric;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What the quality metrics cost a run: one evaluation of a model (the run's metrics on {@code evalPairs} val pairs
 * and {@code evalSamples} samples, synthetic images of the model's size) next to the training steps between two
 * evaluations ({@code sampleEvery} steps of the measured step time).
 */
public final class EvalBenchmark {
    public record Result(String model, int size, int metrics, int valPairs, int samples, double evaluationSeconds,
                         int sampleEvery, double stepSeconds) {
        /** The evaluation's share of a run's wall time. */
        public double fraction() {
            return evaluationSeconds / (evaluationSeconds + sampleEvery * stepSeconds);
        }
    }

    private EvalBenchmark() {
    }

    public static Result run(ModelSettings s, List<Metric> metrics, int batch, int evalPairs, int evalSamples,
                             int trainSample, int sampleEvery, double stepSeconds,
                             Supplier<FaceJudge> judge) {
        GanModel model = s.create();
        int size = s.size();
        INDArray images = Nd4j.rand(DataType.FLOAT, evalPairs, 3, size, size).muli(2).subi(1);
        List<Batch> val = new ArrayList<>();
        for (int i = 0; i < evalPairs; i += batch) {
            INDArray b = images.get(NDArrayIndex.interval(i, Math.min(evalPairs, i + batch)));
            val.add(new Batch(b.dup(), b));
        }
        PairSample train = syntheticRows(trainSample, size);
        EvalData data = new EvalData(val, val.get(0), 16, evalSamples, s.seed(),
                () -> images.mean(true, 0), () -> train, judge);
        Evaluator evaluator = new Evaluator(metrics, data);
        evaluator.baselines(model);
        evaluator.measure(model); // warm-up (and the feature networks built)
        long t0 = System.nanoTime();
        int reps = 2;
        for (int i = 0; i < reps; i++) {
            evaluator.measure(model);
        }
        double seconds = (System.nanoTime() - t0) / 1e9 / reps;
        return new Result(s.kind(), size, metrics.size(), evalPairs, evalSamples, seconds, sampleEvery, stepSeconds);
    }

    /** {@code n} stored pairs of random images (PNG, as the dataset holds them). */
    private static PairSample syntheticRows(int n, int size) {
        StructType schema = new StructType().add("condition", DataTypes.BinaryType).add("face", DataTypes.BinaryType);
        List<Row> rows = new ArrayList<>();
        Random random = new Random(7);
        byte[] pixels = new byte[size * size * 3];
        for (int i = 0; i < n; i++) {
            random.nextBytes(pixels);
            try (BytePointer p = new BytePointer(pixels); Mat img = new Mat(size, size, opencv_core.CV_8UC3, p)) {
                byte[] png = Png.encode(img);
                rows.add(new GenericRowWithSchema(new Object[] {png, png}, schema));
            }
        }
        return new PairSample(rows);
    }

    public static String table(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("| model | size | metrics | val pairs | samples | one evaluation (s) | steps between | s/step | "
                + "share of the run |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            b.append(String.format("| %s | %d | %d | %d | %d | %.2f | %d | %.2f | %.1f%% |%n", r.model(), r.size(),
                    r.metrics(), r.valPairs(), r.samples(), r.evaluationSeconds(), r.sampleEvery(), r.stepSeconds(),
                    100 * r.fraction()));
        }
        return b.toString();
    }
}
