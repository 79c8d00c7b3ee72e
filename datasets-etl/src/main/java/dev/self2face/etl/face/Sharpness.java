package dev.self2face.etl.face;

import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/** Variance of the Laplacian: a standard focus measure; low values mean a blurry face. */
public final class Sharpness {
    private Sharpness() {
    }

    public static double of(Mat bgr) {
        try (Mat gray = new Mat(); Mat lap = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            Laplacian(gray, lap, CV_64F);
            meanStdDev(lap, mean, std);
            double sd = std.createIndexer().getDouble(0);
            return sd * sd;
        }
    }
}
