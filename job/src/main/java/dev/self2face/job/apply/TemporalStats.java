package dev.self2face.job.apply;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.io.Serializable;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * How steady a processed video is, over runs of consecutive frames with a face:
 * <ul>
 * <li><b>landmark jitter</b>: the mean length of the landmarks' second difference {@code |p(t+1) − 2p(t) + p(t−1)|}
 * (frame pixels), for the detected and for the smoothed landmarks — what still shakes once steady motion is taken
 * out;</li>
 * <li><b>flicker</b>: the mean frame-to-frame change (grey levels) of the output inside the face region (the paste
 * mask), divided by the same figure for the input: 1 = the output moves as much as the input did.</li>
 * </ul>
 */
public final class TemporalStats {
    private float[][] detected = new float[2][];
    private float[][] smoothed = new float[2][];
    private double jitterDetected;
    private double jitterSmoothed;
    private long jitterCount;
    private Mat previousIn;
    private Mat previousOut;
    private double changeOut;
    private double changeIn;
    private long changeCount;

    /** A frame with a face: its landmarks, input and output frames and the face mask (frame coordinates). */
    public void face(float[] detectedPoints, float[] smoothedPoints, Mat in, Mat out, Mat mask) {
        if (detected[0] != null && detected[1] != null) {
            jitterDetected += secondDifference(detected[0], detected[1], detectedPoints);
            jitterSmoothed += secondDifference(smoothed[0], smoothed[1], smoothedPoints);
            jitterCount++;
        }
        detected = new float[][] {detected[1], detectedPoints};
        smoothed = new float[][] {smoothed[1], smoothedPoints};
        try (Mat grayIn = gray(in); Mat grayOut = gray(out); Mat region = new Mat()) {
            threshold(mask, region, 127, 255, THRESH_BINARY);
            region.convertTo(region, CV_8U);
            if (previousIn != null && countNonZero(region) > 0) {
                changeIn += meanChange(grayIn, previousIn, region);
                changeOut += meanChange(grayOut, previousOut, region);
                changeCount++;
            }
            close();
            previousIn = grayIn.clone();
            previousOut = grayOut.clone();
        }
    }

    /** A frame without a face: runs of consecutive faces start again. */
    public void noFace() {
        detected = new float[2][];
        smoothed = new float[2][];
        close();
    }

    /** The sums behind the figures: what segments processed apart add up to ({@link Totals#plus}). */
    public Totals totals() {
        return new Totals(jitterDetected, jitterSmoothed, jitterCount, changeIn, changeOut, changeCount);
    }

    /** Sums of the per-frame figures and their counts; the figures are their ratios. */
    public record Totals(double jitterDetected, double jitterSmoothed, long jitterCount, double changeIn,
                         double changeOut, long changeCount) implements Serializable {
        public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0);

        public Totals plus(Totals o) {
            return new Totals(jitterDetected + o.jitterDetected, jitterSmoothed + o.jitterSmoothed,
                    jitterCount + o.jitterCount, changeIn + o.changeIn, changeOut + o.changeOut,
                    changeCount + o.changeCount);
        }

        public double meanJitterDetected() {
            return jitterCount == 0 ? Double.NaN : jitterDetected / jitterCount;
        }

        public double meanJitterSmoothed() {
            return jitterCount == 0 ? Double.NaN : jitterSmoothed / jitterCount;
        }

        /** Mean grey-level change per frame inside the face region, of the output. */
        public double outputChange() {
            return changeCount == 0 ? Double.NaN : changeOut / changeCount;
        }

        public double inputChange() {
            return changeCount == 0 ? Double.NaN : changeIn / changeCount;
        }

        public double flicker() {
            return changeCount == 0 || changeIn == 0 ? Double.NaN : changeOut / changeIn;
        }
    }

    private void close() {
        if (previousIn != null) {
            previousIn.close();
            previousOut.close();
        }
        previousIn = null;
        previousOut = null;
    }

    static double secondDifference(float[] a, float[] b, float[] c) {
        double sum = 0;
        int n = c.length / 2;
        for (int i = 0; i < n; i++) {
            double dx = c[2 * i] - 2 * b[2 * i] + a[2 * i];
            double dy = c[2 * i + 1] - 2 * b[2 * i + 1] + a[2 * i + 1];
            sum += Math.hypot(dx, dy);
        }
        return sum / n;
    }

    private static double meanChange(Mat a, Mat b, Mat region) {
        try (Mat d = new Mat()) {
            absdiff(a, b, d);
            Scalar s = mean(d, region);
            return s.get(0);
        }
    }

    private static Mat gray(Mat bgr) {
        Mat g = new Mat();
        cvtColor(bgr, g, COLOR_BGR2GRAY);
        return g;
    }
}
