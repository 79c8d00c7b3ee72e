package dev.self2face.etl;

import dev.self2face.etl.face.CanonicalFace;
import dev.self2face.etl.face.CascadeFaceAligner;
import dev.self2face.etl.face.ConditionRenderer;
import dev.self2face.etl.face.FaceAligner;
import dev.self2face.etl.face.PerceptualHash;
import dev.self2face.etl.face.landmarks.LandmarkFaceAligner;
import dev.self2face.etl.face.landmarks.LandmarkModels;
import dev.self2face.storage.StorageSettings;

import java.io.IOException;

/**
 * The per-thread face toolkit of an executor: cascades and hashers are loaded once per task thread (OpenCV's
 * classifiers are not thread-safe) and reused by every segment that thread processes with the same settings; the
 * landmark model is read once per JVM ({@link LandmarkModels}) and shared.
 */
public final class FaceTools {
    private static final ThreadLocal<FaceTools> CURRENT = new ThreadLocal<>();

    final EtlSettings settings;
    final FaceAligner aligner;
    final PerceptualHash hash = new PerceptualHash();
    final ConditionRenderer condition;

    private FaceTools(EtlSettings s, StorageSettings storage) throws IOException {
        this.settings = s;
        // Spark runs one task per core: OpenCV's own thread pool would only oversubscribe the cores
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
        this.aligner = switch (s.aligner()) {
            case LANDMARKS -> new LandmarkFaceAligner(LandmarkModels.get(s.landmarksModel(), storage), canonical(s),
                    s.detectMaxSide(), s.minFacePx(), s.minFaceFraction());
            case EYES -> new CascadeFaceAligner(canonical(s), s.detectMaxSide(), s.minFacePx(), s.minFaceFraction());
        };
        this.condition = ConditionRenderer.of(s.condition(), s.cannyLow(), s.cannyHigh());
    }

    private long window = Long.MIN_VALUE;

    public FaceAligner aligner() {
        return aligner;
    }

    public ConditionRenderer condition() {
        return condition;
    }

    /** A new segment (possibly of another video) starts on this thread: nothing tracked carries over. */
    public void startSegment() {
        window = Long.MIN_VALUE;
        aligner.resetTracking();
    }

    /**
     * Called before aligning the frame at {@code tSec}: tracking restarts at every multiple of
     * {@code etl.track-seconds} of video time (every frame when it is 0). Windows are anchored to the video's
     * time and segment boundaries are multiples of them, so a video gives the same pairs however it is split.
     */
    public void beforeFrame(double tSec) {
        long w = settings.trackSeconds() == 0 ? Long.MAX_VALUE : (long) Math.floor(tSec / settings.trackSeconds());
        if (w != window || settings.trackSeconds() == 0) {
            aligner.resetTracking();
            window = w;
        }
    }

    static CanonicalFace canonical(EtlSettings s) {
        return new CanonicalFace(s.size(), s.eyeDistance(), s.eyeY());
    }

    public static FaceTools forThread(EtlSettings s, StorageSettings storage) throws IOException {
        FaceTools t = CURRENT.get();
        if (t == null || !t.settings.equals(s)) {
            if (t != null) {
                t.aligner.close();
                t.hash.close();
            }
            t = new FaceTools(s, storage);
            CURRENT.set(t);
        }
        return t;
    }
}
