package dev.self2face.etl.face;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Face and eye Haar cascades from the OpenCV jar: the largest face found on a downscaled copy of the frame, then
 * one eye in each upper quarter of the face box at higher resolution; the eye centres drive {@link CanonicalFace}.
 */
public final class CascadeFaceAligner implements FaceAligner {
    /** Eyes are searched on the face's upper part, resized to this width, whatever the frame's resolution. */
    private static final int EYE_SEARCH_WIDTH = Integer.getInteger("s2f.eyew", 160);
    /** Scale step of the face detector's image pyramid: 1.2 is ~1.5x faster but misses a third of the faces. */
    private static final double FACE_SCALE_STEP = 1.1;

    /** LBP first (about 4x faster), the Haar cascade only on frames where LBP finds no face. */
    private final CascadeClassifier fastFaces = Cascades.load(Cascades.FAST_FACE);
    private final CascadeClassifier faces = Cascades.load(Cascades.FACE);
    private final CascadeClassifier eyes = Cascades.load(Cascades.EYE);
    private final CanonicalFace canonical;
    private final int detectMaxSide;
    private final int minFacePx;
    private final double minFaceFraction;

    /**
     * @param minFacePx       smallest face kept, in pixels of the frame
     * @param minFaceFraction smallest face searched for, as a fraction of the frame's shorter side (the detector's
     *                        cost is dominated by the smallest window it tries)
     */
    public CascadeFaceAligner(CanonicalFace canonical, int detectMaxSide, int minFacePx, double minFaceFraction) {
        this.canonical = canonical;
        this.detectMaxSide = detectMaxSide;
        this.minFacePx = minFacePx;
        this.minFaceFraction = minFaceFraction;
    }

    @Override
    public Alignment align(Mat bgr) {
        try (Mat gray = new Mat()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            Rect face = largestFace(gray);
            if (face == null) {
                return Alignment.drop(DropReason.NO_FACE);
            }
            if (Math.min(face.width(), face.height()) < minFacePx) {
                return Alignment.drop(DropReason.FACE_TOO_SMALL);
            }
            double[] eyeCentres = findEyes(gray, face);
            if (eyeCentres == null) {
                return Alignment.drop(DropReason.NO_EYES);
            }
            double[] m = canonical.transform(eyeCentres[0], eyeCentres[1], eyeCentres[2], eyeCentres[3]);
            int[] box = {face.x(), face.y(), face.width(), face.height()};
            return new Alignment(null, box, eyeCentres, canonical.warp(bgr, m));
        }
    }

    /** The largest face, in full-frame coordinates, found on a copy downscaled to {@code detectMaxSide}. */
    private Rect largestFace(Mat gray) {
        double s = Math.min(1.0, (double) detectMaxSide / Math.max(gray.cols(), gray.rows()));
        try (Mat small = new Mat(); RectVector found = new RectVector()) {
            resize(gray, small, new Size((int) Math.round(gray.cols() * s), (int) Math.round(gray.rows() * s)),
                    0, 0, INTER_AREA);
            equalizeHist(small, small);
            double minFrame = Math.max(minFacePx * 0.8, minFaceFraction * Math.min(gray.cols(), gray.rows()));
            int minSide = Math.max(20, (int) Math.floor(minFrame * s));
            Size min = new Size(minSide, minSide);
            fastFaces.detectMultiScale(small, found, FACE_SCALE_STEP, 3, 0, min, new Size());
            if (found.size() == 0) {
                faces.detectMultiScale(small, found, FACE_SCALE_STEP, 3, 0, min, new Size());
            }
            Rect best = null;
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                if (best == null || r.area() > best.area()) {
                    best = r;
                }
            }
            if (best == null) {
                return null;
            }
            return new Rect((int) Math.round(best.x() / s), (int) Math.round(best.y() / s),
                    (int) Math.round(best.width() / s), (int) Math.round(best.height() / s));
        }
    }

    /**
     * One eye per half of the face's upper band (the largest detection in each half). Returns image-left eye x, y,
     * image-right eye x, y in frame coordinates, or null when either half has none.
     */
    private double[] findEyes(Mat gray, Rect face) {
        int bandTop = face.y() + (int) (face.height() * 0.15);
        int bandHeight = (int) (face.height() * 0.45);
        Rect band = clip(new Rect(face.x(), bandTop, face.width(), bandHeight), gray);
        if (band.width() < 8 || band.height() < 8) {
            return null;
        }
        double s = (double) EYE_SEARCH_WIDTH / band.width();
        try (Mat roi = new Mat(gray, band); Mat scaled = new Mat(); RectVector found = new RectVector()) {
            resize(roi, scaled, new Size(EYE_SEARCH_WIDTH, Math.max(1, (int) Math.round(band.height() * s))),
                    0, 0, s < 1 ? INTER_AREA : org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR);
            equalizeHist(scaled, scaled);
            int minEye = EYE_SEARCH_WIDTH / 10;
            int maxEye = EYE_SEARCH_WIDTH / 2;
            eyes.detectMultiScale(scaled, found, 1.1, 3, 0, new Size(minEye, minEye), new Size(maxEye, maxEye));
            Rect left = null;
            Rect right = null;
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                double cx = r.x() + r.width() / 2.0;
                if (cx < EYE_SEARCH_WIDTH / 2.0) {
                    left = larger(left, r);
                } else {
                    right = larger(right, r);
                }
            }
            if (left == null || right == null) {
                return null;
            }
            return new double[] {
                band.x() + (left.x() + left.width() / 2.0) / s, band.y() + (left.y() + left.height() / 2.0) / s,
                band.x() + (right.x() + right.width() / 2.0) / s, band.y() + (right.y() + right.height() / 2.0) / s};
        }
    }

    private static Rect larger(Rect a, Rect b) {
        return a == null || b.area() > a.area() ? b : a;
    }

    private static Rect clip(Rect r, Mat m) {
        int x = Math.max(0, r.x());
        int y = Math.max(0, r.y());
        int x2 = Math.min(m.cols(), r.x() + r.width());
        int y2 = Math.min(m.rows(), r.y() + r.height());
        return new Rect(x, y, Math.max(0, x2 - x), Math.max(0, y2 - y));
    }

    @Override
    public void close() {
        fastFaces.close();
        faces.close();
        eyes.close();
    }
}
