package dev.self2face.etl.face;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.line;

/**
 * The self2face / face2face condition image: the 68 landmarks drawn as white polylines on black at the aligned
 * size — jaw, brows, nose bridge, lower nose, eyes, outer and inner lips — with a line width that scales with the
 * size (1 px at 128).
 */
public final class LandmarkSketch implements ConditionRenderer {
    /** Polylines as landmark index ranges [from, to], and whether each closes on itself. */
    private static final int[][] PARTS = {
        {0, 16, 0}, {17, 21, 0}, {22, 26, 0}, {27, 30, 0}, {30, 35, 1}, {36, 41, 1}, {42, 47, 1}, {48, 59, 1},
        {60, 67, 1}};

    @Override
    public Mat render(Alignment alignment) {
        int size = alignment.aligned().cols();
        Mat sketch = new Mat(size, size, CV_8UC1, new Scalar(0));
        float[] p = alignment.landmarks();
        if (p == null) {
            throw new IllegalStateException("etl.condition = landmarks needs the landmark aligner (etl.aligner)");
        }
        int width = Math.max(1, Math.round(size / 128f));
        for (int[] part : PARTS) {
            for (int i = part[0]; i < part[1]; i++) {
                segment(sketch, p, i, i + 1, width);
            }
            if (part[2] == 1) {
                segment(sketch, p, part[1], part[0], width);
            }
        }
        return sketch;
    }

    private static void segment(Mat img, float[] p, int a, int b, int width) {
        // 4 bits of sub-pixel precision for smooth lines
        line(img, new Point(Math.round(p[2 * a] * 16), Math.round(p[2 * a + 1] * 16)),
                new Point(Math.round(p[2 * b] * 16), Math.round(p[2 * b + 1] * 16)), new Scalar(255), width,
                LINE_AA, 4);
    }
}
