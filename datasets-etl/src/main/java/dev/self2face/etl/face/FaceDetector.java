package dev.self2face.etl.face;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The largest face in a grey frame, found on a copy downscaled to {@code detectMaxSide}: the LBP frontal-face
 * cascade first (about four times faster), the Haar cascade only where LBP finds none. Both ship in the OpenCV
 * jar. Not thread-safe.
 */
public final class FaceDetector implements AutoCloseable {
    /** Scale step of the detectors' image pyramids: 1.2 is ~1.5x faster but misses a third of the faces. */
    private static final double SCALE_STEP = 1.1;
    /** Size a tracked face is scaled to for {@link #faceNear} (48 and 96 measured slower on the bench input). */
    private static final int TRACK_FACE_PX = 64;

    private final CascadeClassifier fast = Cascades.load(Cascades.FAST_FACE);
    private final CascadeClassifier thorough = Cascades.load(Cascades.FACE);
    private final int detectMaxSide;
    private final int minFacePx;
    private final double minFaceFraction;

    /**
     * @param minFacePx       smallest face searched for, in pixels of the frame (with 20 % slack)
     * @param minFaceFraction smallest face searched for, as a fraction of the frame's shorter side (the detector's
     *                        cost is dominated by the smallest window it tries)
     */
    public FaceDetector(int detectMaxSide, int minFacePx, double minFaceFraction) {
        this.detectMaxSide = detectMaxSide;
        this.minFacePx = minFacePx;
        this.minFaceFraction = minFaceFraction;
    }

    /**
     * The face near {@code hint} (a face box of a recent frame): searched (LBP, then Haar) in a region
     * twice the hint's size around it, at a resolution where the face is about {@link #TRACK_FACE_PX} pixels and
     * only for faces 0.6–1.6 times the hint's size: a small fraction of a full search. Falls back to
     * {@link #largestFace(Mat)} when nothing is found there.
     */
    public Rect faceNear(Mat gray, Rect hint) {
        int side = Math.max(hint.width(), hint.height());
        int x0 = Math.max(0, hint.x() - side / 2);
        int y0 = Math.max(0, hint.y() - side / 2);
        int x1 = Math.min(gray.cols(), hint.x() + hint.width() + side / 2);
        int y1 = Math.min(gray.rows(), hint.y() + hint.height() + side / 2);
        if (x1 - x0 < 8 || y1 - y0 < 8) {
            return largestFace(gray);
        }
        double s = Math.min(1.0, (double) TRACK_FACE_PX / side);
        Rect region = new Rect(x0, y0, x1 - x0, y1 - y0);
        try (Mat roi = new Mat(gray, region); Mat small = new Mat(); RectVector found = new RectVector()) {
            resize(roi, small, new Size(Math.max(1, (int) Math.round(region.width() * s)),
                    Math.max(1, (int) Math.round(region.height() * s))), 0, 0, INTER_AREA);
            equalizeHist(small, small);
            int min = Math.max(20, (int) Math.floor(0.6 * side * s));
            int max = Math.max(min + 1, (int) Math.ceil(1.6 * side * s));
            fast.detectMultiScale(small, found, SCALE_STEP, 3, 0, new Size(min, min), new Size(max, max));
            if (found.size() == 0) {
                thorough.detectMultiScale(small, found, SCALE_STEP, 3, 0, new Size(min, min), new Size(max, max));
            }
            Rect best = largest(found);
            if (best == null) {
                return largestFace(gray);
            }
            return new Rect(x0 + (int) Math.round(best.x() / s), y0 + (int) Math.round(best.y() / s),
                    (int) Math.round(best.width() / s), (int) Math.round(best.height() / s));
        }
    }

    private static Rect largest(RectVector found) {
        Rect best = null;
        for (long i = 0; i < found.size(); i++) {
            Rect r = found.get(i);
            if (best == null || r.area() > best.area()) {
                best = r;
            }
        }
        return best;
    }

    /** The largest face in full-frame coordinates, or null. */
    public Rect largestFace(Mat gray) {
        double s = Math.min(1.0, (double) detectMaxSide / Math.max(gray.cols(), gray.rows()));
        try (Mat small = new Mat(); RectVector found = new RectVector()) {
            resize(gray, small, new Size((int) Math.round(gray.cols() * s), (int) Math.round(gray.rows() * s)),
                    0, 0, INTER_AREA);
            equalizeHist(small, small);
            double minFrame = Math.max(minFacePx * 0.8, minFaceFraction * Math.min(gray.cols(), gray.rows()));
            int minSide = Math.max(20, (int) Math.floor(minFrame * s));
            Size min = new Size(minSide, minSide);
            fast.detectMultiScale(small, found, SCALE_STEP, 3, 0, min, new Size());
            if (found.size() == 0) {
                thorough.detectMultiScale(small, found, SCALE_STEP, 3, 0, min, new Size());
            }
            Rect best = largest(found);
            if (best == null) {
                return null;
            }
            return new Rect((int) Math.round(best.x() / s), (int) Math.round(best.y() / s),
                    (int) Math.round(best.width() / s), (int) Math.round(best.height() / s));
        }
    }

    @Override
    public void close() {
        fast.close();
        thorough.close();
    }
}
