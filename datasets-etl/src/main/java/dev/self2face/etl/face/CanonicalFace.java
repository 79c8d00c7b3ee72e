package dev.self2face.etl.face;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.Serializable;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

/**
 * The canonical aligned face: a square of {@code size} pixels with the eyes level at height {@code eyeY * size},
 * {@code eyeDistance * size} apart, centred horizontally. Maps a frame to it with one similarity transform.
 */
public record CanonicalFace(int size, double eyeDistance, double eyeY) implements Serializable {

    public double leftEyeX() {
        return size * (0.5 - eyeDistance / 2);
    }

    public double rightEyeX() {
        return size * (0.5 + eyeDistance / 2);
    }

    public double eyeYPx() {
        return size * eyeY;
    }

    /** The 2x3 similarity transform that takes the two eye centres to their canonical places. */
    public double[] transform(double lx, double ly, double rx, double ry) {
        double dx = rx - lx;
        double dy = ry - ly;
        double dist = Math.hypot(dx, dy);
        double scale = eyeDistance * size / dist;
        double angle = Math.atan2(dy, dx);
        double a = scale * Math.cos(angle);
        double b = scale * Math.sin(angle);
        double mx = (lx + rx) / 2;
        double my = (ly + ry) / 2;
        double tx = size / 2.0 - (a * mx + b * my);
        double ty = eyeYPx() - (-b * mx + a * my);
        return new double[] {a, b, tx, -b, a, ty};
    }

    /** Applies the transform to points x0, y0, x1, y1, ... */
    public static float[] apply(double[] m, float[] points) {
        float[] out = new float[points.length];
        for (int i = 0; i < points.length; i += 2) {
            out[i] = (float) (m[0] * points[i] + m[1] * points[i + 1] + m[2]);
            out[i + 1] = (float) (m[3] * points[i] + m[4] * points[i + 1] + m[5]);
        }
        return out;
    }

    /** Warps the frame into the aligned square (edges replicated where the crop leaves the frame). */
    public Mat warp(Mat frame, double[] m) {
        double scale = Math.hypot(m[0], m[1]);
        Mat src = frame;
        double k = 1;
        if (scale < 0.5) {
            // warpAffine only interpolates bilinearly: shrink with area averaging first so the face does not alias
            k = 2 * scale;
            src = new Mat();
            resize(frame, src, new Size(), k, k, INTER_AREA);
        }
        Mat matrix = new Mat(2, 3, CV_64F);
        try (DoubleIndexer idx = matrix.createIndexer()) {
            for (int i = 0; i < 6; i++) {
                idx.put(i / 3, i % 3, i % 3 == 2 ? m[i] : m[i] / k);
            }
        }
        Mat out = new Mat();
        warpAffine(src, out, matrix, new Size(size, size), INTER_LINEAR, BORDER_REPLICATE, new Scalar());
        matrix.close();
        if (src != frame) {
            src.close();
        }
        return out;
    }
}
