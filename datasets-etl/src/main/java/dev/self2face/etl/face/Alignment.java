package dev.self2face.etl.face;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The result of aligning one frame: either a drop reason, or the aligned face with where it was found.
 *
 * @param faceBox  x, y, width, height of the face in the original frame
 * @param eyes     left-eye x, y and right-eye x, y in the original frame ("left" = image left)
 * @param aligned   the aligned BGR face, size x size; owned by the caller
 * @param landmarks the 68 landmarks x0, y0, x1, y1, ... in aligned coordinates, or null (eye-cascade aligner)
 */
public record Alignment(DropReason dropped, int[] faceBox, double[] eyes, Mat aligned, float[] landmarks) {

    public static Alignment drop(DropReason reason) {
        return new Alignment(reason, null, null, null, null);
    }

    public boolean ok() {
        return dropped == null;
    }
}
