package dev.self2face.job.apply;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_32SC2;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.convexHull;
import static org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

/**
 * Puts a generated aligned face back into its frame: the face and a feathered mask (the convex hull of the jaw line
 * and the brows, blurred by {@code feather} of the face's size) go through the inverse of the alignment's transform,
 * and the frame is blended with the face by the mask, within the box the face lands on. Outside the mask the frame
 * is untouched.
 */
public final class FacePaste {
    private FacePaste() {
    }

    /** The frame with the face pasted in, and the mask in frame coordinates (8-bit, 0–255). */
    public record Pasted(Mat frame, Mat mask) implements AutoCloseable {
        @Override
        public void close() {
            frame.close();
            mask.close();
        }
    }

    /**
     * @param face         the generated face, BGR, at the aligned size
     * @param transform    frame → aligned square, 2x3 row-major
     * @param alignedPoints the 68 landmarks in aligned coordinates
     */
    public static Pasted paste(Mat frame, Mat face, double[] transform, float[] alignedPoints, double feather) {
        int size = face.cols();
        Rect roi = region(transform, size, frame.cols(), frame.rows());
        Mat out = frame.clone();
        Mat fullMask = new Mat(frame.rows(), frame.cols(), CV_8UC1, new Scalar(0));
        if (roi.width() <= 0 || roi.height() <= 0) {
            return new Pasted(out, fullMask);
        }
        // only the face's box of the frame is warped and blended: the rest of a large frame is copied as it is
        double[] t = transform.clone();
        t[2] = transform[0] * roi.x() + transform[1] * roi.y() + transform[2];
        t[5] = transform[3] * roi.x() + transform[4] * roi.y() + transform[5];
        Size roiSize = new Size(roi.width(), roi.height());
        try (Mat m = matrix(t); Mat alignedMask = mask(size, alignedPoints, feather); Mat frameRoi = out.apply(roi);
             Mat maskRoi = fullMask.apply(roi); Mat faceInRoi = new Mat(); Mat frameF = new Mat();
             Mat faceF = new Mat(); Mat maskF = new Mat(); Mat mask3 = new Mat(); Mat diff = new Mat();
             Mat blended = new Mat(); MatVector three = new MatVector()) {
            warpAffine(face, faceInRoi, m, roiSize, INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT, new Scalar());
            warpAffine(alignedMask, maskRoi, m, roiSize, INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT,
                    new Scalar());
            frameRoi.convertTo(frameF, CV_32FC3);
            faceInRoi.convertTo(faceF, CV_32FC3);
            maskRoi.convertTo(maskF, CV_32F, 1 / 255.0, 0);
            three.push_back(maskF);
            three.push_back(maskF);
            three.push_back(maskF);
            merge(three, mask3);
            subtract(faceF, frameF, diff);
            multiply(diff, mask3, diff);
            add(frameF, diff, blended);
            blended.convertTo(frameRoi, CV_8U);
        }
        return new Pasted(out, fullMask);
    }

    /** The frame's box (clipped) that the aligned square lands on through the inverse of {@code transform}. */
    static Rect region(double[] m, int size, int width, int height) {
        double det = m[0] * m[4] - m[1] * m[3];
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int[] c : new int[][] {{0, 0}, {size, 0}, {0, size}, {size, size}}) {
            double u = c[0] - m[2];
            double v = c[1] - m[5];
            double x = (m[4] * u - m[1] * v) / det;
            double y = (-m[3] * u + m[0] * v) / det;
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
        int x0 = Math.max(0, (int) Math.floor(minX) - 1);
        int y0 = Math.max(0, (int) Math.floor(minY) - 1);
        int x1 = Math.min(width, (int) Math.ceil(maxX) + 1);
        int y1 = Math.min(height, (int) Math.ceil(maxY) + 1);
        return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /** The feathered face mask in aligned coordinates: the hull of landmarks 0–26 (jaw and brows), blurred. */
    static Mat mask(int size, float[] p, double feather) {
        Mat mask = new Mat(size, size, CV_8UC1, new Scalar(0));
        try (Mat pts = new Mat(27, 1, CV_32SC2); Mat hull = new Mat()) {
            try (IntIndexer idx = pts.createIndexer()) {
                for (int i = 0; i < 27; i++) {
                    idx.put(i, 0, 0, Math.round(p[2 * i]));
                    idx.put(i, 0, 1, Math.round(p[2 * i + 1]));
                }
            }
            convexHull(pts, hull);
            fillConvexPoly(mask, hull, new Scalar(255), LINE_AA, 0);
        }
        int k = 2 * (int) Math.round(feather * size / 2) + 1;
        if (k > 1) {
            GaussianBlur(mask, mask, new Size(k, k), 0);
        }
        return mask;
    }

    private static Mat matrix(double[] t) {
        Mat m = new Mat(2, 3, CV_64F);
        try (DoubleIndexer idx = m.createIndexer()) {
            for (int i = 0; i < 6; i++) {
                idx.put(i / 3, i % 3, t[i]);
            }
        }
        return m;
    }
}
