package dev.self2face.job.data;

import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.etl.face.Png;
import org.apache.spark.sql.Row;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Images as the models see them: NCHW float arrays in [-1, 1], channels in RGB order, resized to the model's size;
 * one-channel images are repeated to three channels. Runs wherever the rows are (driver or executor).
 */
public final class FaceTensors {
    private FaceTensors() {
    }

    /**
     * The condition and face images of stored pairs (rows of the dataset's pairs table) as one batch, with their
     * attribute labels when the rows carry an {@link AttributeLabels#COLUMN} column.
     */
    public static Batch batch(List<Row> rows, int size) {
        float[] cond = new float[rows.size() * 3 * size * size];
        float[] face = new float[cond.length];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            fill(cond, i, Png.decode(r.getAs(PairSchema.CONDITION)), size);
            fill(face, i, Png.decode(r.getAs(PairSchema.FACE)), size);
        }
        long[] shape = {rows.size(), 3, size, size};
        return new Batch(Nd4j.create(cond, shape, 'c'), Nd4j.create(face, shape, 'c'), labels(rows));
    }

    private static INDArray labels(List<Row> rows) {
        if (rows.isEmpty() || rows.get(0).schema() == null
                || !java.util.Arrays.asList(rows.get(0).schema().fieldNames()).contains(AttributeLabels.COLUMN)) {
            return null;
        }
        int k = rows.get(0).getList(rows.get(0).fieldIndex(AttributeLabels.COLUMN)).size();
        float[] out = new float[rows.size() * k];
        for (int i = 0; i < rows.size(); i++) {
            List<Object> v = rows.get(i).getList(rows.get(i).fieldIndex(AttributeLabels.COLUMN));
            for (int j = 0; j < k; j++) {
                out[i * k + j] = ((Number) v.get(j)).floatValue();
            }
        }
        return Nd4j.create(out, new long[] {rows.size(), k}, 'c');
    }

    /**
     * Decoded images (BGR or grey Mats, e.g. the ETL's aligned face and condition of a photo) as one array, exactly
     * as {@link #batch} prepares stored pairs. The Mats stay the caller's.
     */
    public static INDArray images(List<Mat> images, int size) {
        float[] out = new float[images.size() * 3 * size * size];
        for (int i = 0; i < images.size(); i++) {
            fill(out, i, new Mat(images.get(i)), size);
        }
        return Nd4j.create(out, new long[] {images.size(), 3, size, size}, 'c');
    }

    /** Image {@code i} of an NCHW RGB array in [-1, 1] as an 8-bit BGR Mat of its size (the caller's). */
    public static Mat toMat(INDArray images, int i) {
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        float[] v = images.get(NDArrayIndex.point(i)).dup('c').data().asFloat();
        Mat out = new Mat(h, w, CV_8UC3);
        int plane = h * w;
        try (UByteIndexer idx = out.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        float f = (v[c * plane + y * w + x] + 1f) * 127.5f;
                        idx.put(y, x, 2 - c, Math.max(0, Math.min(255, Math.round(f))));
                    }
                }
            }
        }
        return out;
    }

    private static void fill(float[] out, int n, Mat img, int size) {
        try (Mat m = img; Mat scaled = new Mat()) {
            resize(m, scaled, new Size(size, size), 0, 0, size < m.cols() ? INTER_AREA : INTER_LINEAR);
            int ch = scaled.channels();
            int plane = size * size;
            int base = n * 3 * plane;
            try (UByteIndexer idx = scaled.createIndexer()) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        for (int c = 0; c < 3; c++) {
                            // OpenCV stores BGR: channel c of RGB is index 2 - c
                            int v = ch == 1 ? idx.get(y, x, 0) : idx.get(y, x, 2 - c);
                            out[base + c * plane + y * size + x] = v / 127.5f - 1f;
                        }
                    }
                }
            }
        }
    }
}
