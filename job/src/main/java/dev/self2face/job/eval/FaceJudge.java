package dev.self2face.job.eval;

import dev.self2face.config.ConfigError;
import dev.self2face.etl.identity.FaceDescriptorNet;
import dev.self2face.etl.identity.FaceDetectorNet;
import dev.self2face.etl.identity.IdentityClusters;
import dev.self2face.etl.identity.IdentityModel;
import dev.self2face.storage.Storage;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * A judge of faces that self2face's models do not contain: face-api's SSD-MobileNet v1 detector ("is it a face?")
 * and its face recognition net ("is it this person?"), both in ND4J ops ({@code etl.identity}).
 * <p>A model's square face tile (aligned as the dataset aligns faces: the face fills most of it) is shown to the
 * detector at two thirds of its 512 px input, centred on black, so the whole face with some background is in view
 * as in a photo; to the recognition net as face-api prepares any crop (resized to 150 px).
 */
public final class FaceJudge {
    /** The detector's score at which face-api's examples call a detection a face. */
    public static final double FACE_SCORE = 0.5;
    /** Descriptors of one person lie within this distance of each other (face-api's rule). */
    public static final double SAME_PERSON = 0.6;
    private static final int TILE = 342;
    private static final int CHUNK = 8;

    private final FaceDetectorNet detector;
    private final FaceDescriptorNet describer;

    private FaceJudge(FaceDetectorNet detector, FaceDescriptorNet describer) {
        this.detector = detector;
        this.describer = describer;
    }

    /**
     * The judge of the face-api folder {@code uri} (both networks read once per JVM); a {@link ConfigError} naming
     * {@code key} when it cannot be read.
     */
    public static FaceJudge load(String key, String uri, Storage storage) {
        try {
            return new FaceJudge(IdentityModel.detector(uri, storage), IdentityModel.get(uri, storage));
        } catch (RuntimeException e) {
            throw new ConfigError("config key '" + key + "' = " + uri + ": " + e.getMessage() + ". Get face-api's "
                    + "weights with bin/fetch-sample-media (npm package @vladmandic/face-api), or leave face_rate and "
                    + "identity_distance out of training.metrics");
        }
    }

    /** Whether any of {@code metrics} is judged by face-api's networks (and so needs their weights). */
    public static boolean neededBy(java.util.Collection<? extends Metric> metrics) {
        return metrics.stream().anyMatch(m -> m instanceof FaceMetric);
    }

    /** The detector's best score for each image [n, 3, s, s] in [-1, 1]: a face where ≥ {@link #FACE_SCORE}. */
    public double[] faceScores(INDArray images) {
        long n = images.size(0);
        double[] out = new double[(int) n];
        for (long from = 0; from < n; from += CHUNK) {
            long to = Math.min(n, from + CHUNK);
            double[] best = detector.bestScores(detectorInput(images, from, to));
            System.arraycopy(best, 0, out, (int) from, best.length);
        }
        return out;
    }

    /** The share of {@code images} in which the detector finds a face. */
    public double faceRate(INDArray images) {
        double[] s = faceScores(images);
        return s.length == 0 ? Double.NaN : java.util.Arrays.stream(s).filter(v -> v >= FACE_SCORE).count()
                / (double) s.length;
    }

    /** Descriptors [n, 128] of images [n, 3, s, s] in [-1, 1]. */
    public INDArray descriptors(INDArray images) {
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < images.size(0); from += CHUNK) {
            List<Mat> bgr = bgr(images, from, Math.min(images.size(0), from + CHUNK));
            try {
                parts.add(describer.describe(bgr));
            } finally {
                bgr.forEach(Mat::close);
            }
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** The mean Euclidean distance of each row of {@code descriptors} to {@code reference} [128]. */
    public static double meanDistance(INDArray descriptors, INDArray reference) {
        float[] r = reference.toFloatVector();
        double sum = 0;
        for (long i = 0; i < descriptors.size(0); i++) {
            sum += IdentityClusters.distance(descriptors.getRow(i).toFloatVector(), r);
        }
        return descriptors.size(0) == 0 ? Double.NaN : sum / descriptors.size(0);
    }

    /** The mean distance of row i of {@code a} to row i of {@code b}. */
    public static double pairedDistance(INDArray a, INDArray b) {
        double sum = 0;
        for (long i = 0; i < a.size(0); i++) {
            sum += IdentityClusters.distance(a.getRow(i).toFloatVector(), b.getRow(i).toFloatVector());
        }
        return a.size(0) == 0 ? Double.NaN : sum / a.size(0);
    }

    /**
     * Real faces cut into a 4x4 grid of blocks, the blocks shuffled (per image, from {@code seed}): every local
     * detail of a face, no face. A detector that scores these as faces cannot judge a generator alone.
     */
    public static INDArray shuffledBlocks(INDArray images, long seed) {
        INDArray out = images.dup();
        int s = (int) images.size(2);
        int b = s / 4;
        Random r = new Random(seed);
        for (long i = 0; i < images.size(0); i++) {
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < 16; k++) {
                order.add(k);
            }
            java.util.Collections.shuffle(order, r);
            for (int k = 0; k < 16; k++) {
                int from = order.get(k);
                block(out, i, k, b).assign(block(images, i, from, b));
            }
        }
        return out;
    }

    /** Block k (row-major in a 4x4 grid of side b) of image i. */
    private static INDArray block(INDArray images, long i, int k, int b) {
        return images.get(point(i), all(), interval((k / 4) * b, (k / 4) * b + b),
                interval((k % 4) * b, (k % 4) * b + b));
    }

    /** Images [from, to) as the detector sees them: RGB [k, 512, 512, 3], 0..255. */
    static INDArray detectorInput(INDArray images, long from, long to) {
        int side = FaceDetectorNet.SIZE;
        int at = (side - TILE) / 2;
        float[] all = new float[(int) (to - from) * side * side * 3];
        byte[] px = new byte[side * side * 3];
        List<Mat> bgr = bgr(images, from, to);
        try {
            int o = 0;
            for (Mat face : bgr) {
                try (Mat sized = new Mat(); Mat canvas = new Mat(side, side, CV_8UC3, new Scalar(0, 0, 0, 0));
                     Mat rgb = new Mat()) {
                    resize(face, sized, new Size(TILE, TILE), 0, 0, INTER_LINEAR);
                    try (Mat roi = new Mat(canvas, new Rect(at, at, TILE, TILE))) {
                        sized.copyTo(roi);
                    }
                    cvtColor(canvas, rgb, COLOR_BGR2RGB);
                    rgb.data().get(px);
                }
                for (byte v : px) {
                    all[o++] = v & 0xff;
                }
            }
        } finally {
            bgr.forEach(Mat::close);
        }
        return Nd4j.create(all, new long[] {to - from, side, side, 3}, 'c');
    }

    /** Images [from, to) [k, 3, s, s] in [-1, 1] as 8-bit BGR Mats (the caller closes them). */
    static List<Mat> bgr(INDArray images, long from, long to) {
        int s = (int) images.size(2);
        List<Mat> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            float[] chw = images.slice(i).castTo(DataType.FLOAT).dup('c').data().asFloat();
            byte[] hwc = new byte[s * s * 3];
            for (int c = 0; c < 3; c++) {
                int bgrChannel = 2 - c;
                for (int p = 0; p < s * s; p++) {
                    double v = (chw[c * s * s + p] + 1) * 127.5;
                    hwc[p * 3 + bgrChannel] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
            Mat m = new Mat(s, s, CV_8UC3);
            m.data().put(hwc);
            out.add(m);
        }
        return out;
    }
}
