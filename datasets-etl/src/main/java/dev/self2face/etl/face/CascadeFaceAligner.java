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
 * Alignment by eye cascades: the largest face ({@link FaceDetector}), then one eye (Haar cascade from the OpenCV
 * jar) in each half of the face box's upper band at higher resolution; the eye centres drive
 * {@link CanonicalFace}.
 */
public final class CascadeFaceAligner implements FaceAligner {
    /** Eyes are searched on the face's upper part, resized to this width, whatever the frame's resolution. */
    private static final int EYE_SEARCH_WIDTH = 160;

    private final FaceDetector faces;
    private final CascadeClassifier eyes = Cascades.load(Cascades.EYE);
    private final CanonicalFace canonical;
    private final int minFacePx;

    /** @param minFacePx smallest face kept, in pixels of the frame; see {@link FaceDetector} for the rest */
    public CascadeFaceAligner(CanonicalFace canonical, int detectMaxSide, int minFacePx, double minFaceFraction) {
        this.canonical = canonical;
        this.faces = new FaceDetector(detectMaxSide, minFacePx, minFaceFraction);
        this.minFacePx = minFacePx;
    }

    @Override
    public Alignment align(Mat bgr) {
        try (Mat gray = new Mat()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            Rect face = faces.largestFace(gray);
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
            return new Alignment(null, box, eyeCentres, canonical.warp(bgr, m), null);
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
        faces.close();
        eyes.close();
    }
}
