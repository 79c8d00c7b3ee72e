package dev.self2face.etl.face.landmarks;

import dev.self2face.etl.face.Alignment;
import dev.self2face.etl.face.CanonicalFace;
import dev.self2face.etl.face.DropReason;
import dev.self2face.etl.face.FaceAligner;
import dev.self2face.etl.face.FaceDetector;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * Alignment by dlib's 68 landmarks: the largest face ({@link FaceDetector}; between {@link #resetTracking()} calls,
 * the face near the previous frame's), its box mapped to dlib's framing
 * ({@link BoxCalibration}), the landmarks ({@link ShapePredictor}) on the full-resolution grey frame; the eye
 * centres (means of points 36–41 and 42–47) drive {@link CanonicalFace}, and the landmarks come along in aligned
 * coordinates for the condition sketch.
 */
public final class LandmarkFaceAligner implements FaceAligner {
    private final FaceDetector faces;
    private final ShapePredictor predictor;
    private final CanonicalFace canonical;
    private final int minFacePx;
    private byte[] pixels = new byte[0];
    private Rect tracked;

    public LandmarkFaceAligner(ShapePredictor predictor, CanonicalFace canonical, int detectMaxSide, int minFacePx,
                               double minFaceFraction) {
        this.faces = new FaceDetector(detectMaxSide, minFacePx, minFaceFraction);
        this.predictor = predictor;
        this.canonical = canonical;
        this.minFacePx = minFacePx;
    }

    @Override
    public Alignment align(Mat bgr) {
        Detection d = detect(bgr);
        return d.ok() ? alignTo(bgr, d.points(), d.box()) : Alignment.drop(d.dropped());
    }

    /** Where a frame's face and its 68 landmarks are, in frame coordinates, before any alignment. */
    public record Detection(DropReason dropped, int[] box, float[] points) {
        public boolean ok() {
            return dropped == null;
        }
    }

    /** The face (tracked between {@link #resetTracking()} calls) and its landmarks, in frame coordinates. */
    public Detection detect(Mat bgr) {
        try (Mat gray = new Mat()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            Rect face = tracked != null ? faces.faceNear(gray, tracked) : faces.largestFace(gray);
            tracked = face;
            if (face == null) {
                return new Detection(DropReason.NO_FACE, null, null);
            }
            if (Math.min(face.width(), face.height()) < minFacePx) {
                return new Detection(DropReason.FACE_TOO_SMALL, null, null);
            }
            int w = gray.cols();
            int h = gray.rows();
            if (pixels.length != w * h) {
                pixels = new byte[w * h];
            }
            gray.data().get(pixels); // a freshly converted Mat is continuous
            float[] points = predictor.predict(pixels, w, h,
                    BoxCalibration.toDlib(face.x(), face.y(), face.width(), face.height()));
            return new Detection(null, new int[] {face.x(), face.y(), face.width(), face.height()}, points);
        }
    }

    /**
     * The frame aligned by landmarks (in frame coordinates: detected, or smoothed over time by the avatar): eye
     * centres → {@link CanonicalFace}'s transform → the aligned face and the landmarks in aligned coordinates.
     */
    public Alignment alignTo(Mat bgr, float[] points, int[] box) {
        double[] eyes = eyeCentres(points);
        if (Math.hypot(eyes[2] - eyes[0], eyes[3] - eyes[1]) < 0.1 * box[2]) {
            return Alignment.drop(DropReason.NO_EYES); // a degenerate shape: no usable eyes
        }
        double[] m = canonical.transform(eyes[0], eyes[1], eyes[2], eyes[3]);
        return new Alignment(null, box, eyes, canonical.warp(bgr, m), CanonicalFace.apply(m, points));
    }

    public CanonicalFace canonical() {
        return canonical;
    }

    @Override
    public void resetTracking() {
        tracked = null;
    }

    /** Image-left eye (landmarks 36–41: the subject's right eye) and image-right eye (42–47) centres. */
    public static double[] eyeCentres(float[] points) {
        double[] e = new double[4];
        for (int i = 36; i < 42; i++) {
            e[0] += points[2 * i] / 6.0;
            e[1] += points[2 * i + 1] / 6.0;
            e[2] += points[2 * (i + 6)] / 6.0;
            e[3] += points[2 * (i + 6) + 1] / 6.0;
        }
        return e;
    }

    @Override
    public void close() {
        faces.close();
    }
}
