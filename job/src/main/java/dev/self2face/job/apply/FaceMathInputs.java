package dev.self2face.job.apply;

import dev.self2face.config.ConfigError;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.PhotoConditions;
import dev.self2face.etl.dataset.FaceMeasures;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.job.data.Batch;
import dev.self2face.job.data.FaceTensors;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.train.TrainingData;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.bytedeco.opencv.opencv_core.Mat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real faces face math works on, at the model's size in [−1, 1]: val faces of the run's own dataset, faces of
 * the whole dataset measured by a landmark measure ({@link FaceMeasures}), or image files aligned by the ETL's own
 * code with the settings the run's dataset was made with.
 */
final class FaceMathInputs {
    /** Faces [n, 3, s, s] and where each came from (a pair id or a file name). */
    record Faces(INDArray images, List<String> labels) {
    }

    /** Faces of the whole dataset with their measure, in the dataset's id order. */
    record Measured(List<String> ids, double[] values) {
    }

    private FaceMathInputs() {
    }

    /** Up to {@code n} val faces of the run's dataset, evenly spaced. */
    static Faces valFaces(SparkSession spark, RunInfo info, int n) {
        List<Batch> val;
        try (TrainingData data = TrainingData.read(spark, info.data, info.size, 1, info.seed)) {
            val = data.valBatches(n);
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < val.size(); i++) {
            labels.add("val " + i);
        }
        return new Faces(Nd4j.concat(0, val.stream().map(Batch::image).toArray(INDArray[]::new)), labels);
    }

    /** Every pair of the run's dataset with {@code measure} of its stored landmarks. */
    static Measured measured(SparkSession spark, RunInfo info, String measure) {
        List<Row> rows = FacePairs.read(spark, info.data).pairs().select(PairSchema.ID, PairSchema.LANDMARKS)
                .orderBy(functions.col(PairSchema.ID)).collectAsList();
        List<String> ids = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Row r : rows) {
            List<Float> lm = r.isNullAt(1) ? null : r.getList(1);
            if (lm == null) {
                continue;
            }
            float[] p = new float[lm.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = lm.get(i);
            }
            ids.add(r.getString(0));
            values.add(FaceMeasures.of(measure, p));
        }
        if (ids.isEmpty()) {
            throw new ConfigError("dataset " + info.data + ": stores no landmarks (made with etl.aligner = eyes, or "
                    + "by an older version); face-math arithmetic groups faces by their landmarks");
        }
        return new Measured(ids, values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The faces of the pairs {@code ids}, in that order. */
    static INDArray faces(SparkSession spark, RunInfo info, List<String> ids) {
        List<Row> rows = FacePairs.read(spark, info.data).pairs()
                .select(PairSchema.ID, PairSchema.CONDITION, PairSchema.FACE)
                .where(functions.col(PairSchema.ID).isin(ids.toArray())).collectAsList();
        Map<String, Row> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.getString(0), r));
        return FaceTensors.batch(ids.stream().map(byId::get).toList(), info.size).image();
    }

    /**
     * Image files, each searched for a face and aligned exactly as the ETL aligns video frames; a file without a
     * usable face is an error naming it.
     */
    static Faces photos(List<String> files, RunInfo info, ApplySettings a, Storage storage) throws IOException {
        StorageSettings ss = a.spark().storage();
        EtlSettings etl = a.photoSettings(info);
        List<Mat> aligned = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try {
            for (String f : files) {
                PhotoConditions.Result r;
                try {
                    r = PhotoConditions.of(storage.read(Storage.path(f)), etl, ss);
                } catch (IllegalArgumentException e) {
                    throw new ConfigError("--images " + f + ": not an image OpenCV can read");
                }
                if (!r.ok()) {
                    throw new ConfigError("--images " + f + ": no usable face (" + r.dropped().key + ")");
                }
                r.condition().close();
                aligned.add(r.aligned());
                labels.add(Storage.path(f).getName());
            }
            return new Faces(FaceTensors.images(aligned, info.size), labels);
        } finally {
            aligned.forEach(Mat::close);
        }
    }
}
