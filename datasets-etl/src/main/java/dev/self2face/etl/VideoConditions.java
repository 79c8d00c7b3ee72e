package dev.self2face.etl;

import dev.self2face.config.ConfigError;
import dev.self2face.etl.face.AlignerKind;
import dev.self2face.etl.face.Alignment;
import dev.self2face.etl.face.DropReason;
import dev.self2face.etl.face.landmarks.LandmarkFaceAligner;
import dev.self2face.storage.StorageSettings;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;

/**
 * The frames of a video -> aligned faces and condition images, by exactly the ETL's code and settings (detector,
 * tracking windows, landmark aligner, {@code etl.condition}), with the landmarks passed through a {@link Smoother}
 * between detection and alignment: what the avatar feeds pix2pix, frame after frame.
 */
public final class VideoConditions {
    /** Smooths a face's landmarks (frame coordinates) over time; forgets the face when it is lost. */
    public interface Smoother {
        float[] smooth(float[] points, double tSec);

        void reset();
    }

    /**
     * One frame's outcome: a drop reason, or the detected and smoothed landmarks (frame coordinates), the transform
     * frame → aligned square, the aligned face and its condition image (Mats owned by the caller); {@code newFace}
     * when the face is not the previous frame's (none before, or a cut: the boxes hardly overlap).
     */
    public record Frame(DropReason dropped, float[] detected, float[] smoothed, double[] transform, Alignment aligned,
                        Mat condition, boolean newFace) {
        public boolean ok() {
            return dropped == null;
        }
    }

    private final FaceTools tools;
    private final LandmarkFaceAligner aligner;
    private final Smoother smoother;
    private int[] previousBox;

    /** @throws ConfigError when the settings do not align by landmarks (nothing to smooth) */
    public VideoConditions(EtlSettings etl, StorageSettings storage, Smoother smoother) throws IOException {
        if (etl.aligner() != AlignerKind.LANDMARKS) {
            throw new ConfigError("etl.aligner = " + etl.aligner() + ": videos are aligned frame by frame with "
                    + "smoothed landmarks, which needs etl.aligner = landmarks");
        }
        this.tools = FaceTools.forThread(etl, storage);
        this.aligner = (LandmarkFaceAligner) tools.aligner();
        this.smoother = smoother;
        tools.startSegment();
    }

    /** The frame at {@code tSec} of the video (frames in time order). */
    public Frame next(Mat bgr, double tSec) {
        tools.beforeFrame(tSec);
        LandmarkFaceAligner.Detection d = aligner.detect(bgr);
        if (!d.ok()) {
            return lost(d.dropped());
        }
        boolean newFace = previousBox == null || overlap(previousBox, d.box()) < CUT_OVERLAP;
        if (newFace) {
            smoother.reset(); // smoothing across a cut would drag the old face's shape onto the new one
        }
        previousBox = d.box();
        float[] smoothed = smoother.smooth(d.points(), tSec);
        Alignment a = aligner.alignTo(bgr, smoothed, d.box());
        if (!a.ok()) {
            return lost(a.dropped());
        }
        double[] e = a.eyes();
        double[] m = aligner.canonical().transform(e[0], e[1], e[2], e[3]);
        return new Frame(null, d.points(), smoothed, m, a, tools.condition().render(a), newFace);
    }

    /** Below this intersection-over-union of consecutive face boxes, the face is another one (a cut). */
    static final double CUT_OVERLAP = 0.3;

    private Frame lost(DropReason why) {
        smoother.reset();
        previousBox = null;
        return new Frame(why, null, null, null, null, null, true);
    }

    /** Intersection over union of two x, y, w, h boxes. */
    static double overlap(int[] a, int[] b) {
        double ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
        double iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
        double inter = ix * iy;
        return inter / ((double) a[2] * a[3] + (double) b[2] * b[3] - inter);
    }
}
