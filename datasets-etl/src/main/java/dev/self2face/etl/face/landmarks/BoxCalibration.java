package dev.self2face.etl.face.landmarks;

/**
 * Maps the OpenCV cascade's face box to the box dlib's HOG detector finds for the same face, the kind of box
 * {@code shape_predictor_68_face_landmarks} was trained on. Measured on the reference frames (BoxCalibrationTest
 * prints the per-frame numbers; these are their medians over the 8 Megamind frames): dlib's box is centred
 * {@link #CENTRE_X} of the box width to the left, {@link #CENTRE_Y} of its height lower, and {@link #SIZE} times as
 * large. Two of the eight frames disagree by far more (the cascade framed a different part of the head); the
 * landmarks are robust to moderate box errors, and the eye test on aligned faces checks the result end to end.
 */
public final class BoxCalibration {
    public static final double CENTRE_X = -0.045;
    public static final double CENTRE_Y = 0.059;
    public static final double SIZE = 0.94;

    private BoxCalibration() {
    }

    /** dlib rectangle (left, top, right, bottom; inclusive) for an OpenCV box (x, y, w, h). */
    public static int[] toDlib(int x, int y, int w, int h) {
        double cx = x + w / 2.0 + CENTRE_X * w;
        double cy = y + h / 2.0 + CENTRE_Y * h;
        double side = SIZE * w;
        long left = Math.round(cx - side / 2);
        long top = Math.round(cy - side / 2);
        return new int[] {(int) left, (int) top, (int) Math.round(left + side), (int) Math.round(top + side)};
    }
}
