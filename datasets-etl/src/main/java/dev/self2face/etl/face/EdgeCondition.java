package dev.self2face.etl.face;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Canny;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/** Canny edges of the (slightly blurred) aligned face: white edges on black, one channel. */
public final class EdgeCondition implements ConditionRenderer {
    private final int low;
    private final int high;

    public EdgeCondition(int low, int high) {
        this.low = low;
        this.high = high;
    }

    @Override
    public Mat render(Alignment alignment) {
        Mat edges = new Mat();
        try (Mat gray = new Mat()) {
            cvtColor(alignment.aligned(), gray, COLOR_BGR2GRAY);
            int k = Math.max(3, (gray.cols() / 128) | 1);
            GaussianBlur(gray, gray, new Size(k, k), 0);
            Canny(gray, edges, low, high);
        }
        return edges;
    }
}
