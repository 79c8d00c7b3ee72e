package dev.self2face.etl.bench;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

/** Videos made with JavaCV from real frames: the long benchmark input, and longer inputs for tests. */
public final class SyntheticVideo {
    private SyntheticVideo() {
    }

    /**
     * A video of {@code seconds} made of the real frames of {@code source}, played forwards then backwards over and
     * over (so neighbouring frames stay neighbours), MPEG-4 Part 2 with a keyframe every {@code gop} frames.
     */
    public static File fromVideo(File source, double seconds, File out, int gop) throws Exception {
        OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
        try (Clip clip = Clip.read(source);
             FFmpegFrameRecorder r = recorder(out, clip.w(), clip.h(), clip.fps(), gop)) {
            r.start();
            int total = (int) Math.round(seconds * clip.fps());
            for (int i = 0; i < total; i++) {
                r.record(conv.convert(clip.pingPong(i)));
            }
        }
        return out;
    }

    /**
     * A video of {@code seconds} made of the real frames of {@code source}, played forwards then backwards as
     * {@link #fromVideo} does, each frame stretched and sheared about its centre by amounts that drift slowly and
     * never repeat (sines of incommensurate periods, phases from {@code seed}). Alignment undoes a face's position,
     * size and roll but not a stretch or a shear, so the faces of different moments differ as different footage of
     * the person would, where a looped clip's faces are near-copies the ETL drops; neighbouring frames stay
     * neighbours, so tracking still works. The input of the mission's end-to-end run (not a test of quality: every
     * face is one of the source's faces, distorted).
     */
    public static File warped(File source, double seconds, File out, int gop, long seed) throws Exception {
        OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
        java.util.Random random = new java.util.Random(seed);
        double[] phase = {random.nextDouble() * 2 * Math.PI, random.nextDouble() * 2 * Math.PI,
                random.nextDouble() * 2 * Math.PI};
        try (Clip clip = Clip.read(source);
             FFmpegFrameRecorder r = recorder(out, clip.w(), clip.h(), clip.fps(), gop);
             Mat m = new Mat(2, 3, org.bytedeco.opencv.global.opencv_core.CV_64F);
             Mat frame = new Mat()) {
            r.start();
            double fps = clip.fps();
            int w = clip.w();
            int h = clip.h();
            int total = (int) Math.round(seconds * fps);
            for (int i = 0; i < total; i++) {
                double t = i / fps;
                // periods of 37, 53 and 71 s: no two moments of a few hours share all three
                double sx = 1 + 0.15 * Math.sin(2 * Math.PI * t / 37 + phase[0]);
                double sy = 1 + 0.15 * Math.sin(2 * Math.PI * t / 53 + phase[1]);
                double shear = 0.12 * Math.sin(2 * Math.PI * t / 71 + phase[2]);
                // x' = sx (x - cx) + shear (y - cy) + cx; y' = sy (y - cy) + cy
                double cx = w / 2.0;
                double cy = h / 2.0;
                try (org.bytedeco.javacpp.indexer.DoubleIndexer idx = m.createIndexer()) {
                    idx.put(0, 0, sx);
                    idx.put(0, 1, shear);
                    idx.put(0, 2, cx - sx * cx - shear * cy);
                    idx.put(1, 0, 0);
                    idx.put(1, 1, sy);
                    idx.put(1, 2, cy - sy * cy);
                }
                warpAffine(clip.pingPong(i), frame, m, new Size(w, h));
                r.record(conv.convert(frame));
            }
        }
        return out;
    }

    /** A video's frames in memory (native images, freed on close), with its rate and size. */
    private record Clip(List<Mat> frames, double fps, int w, int h) implements AutoCloseable {
        static Clip read(File source) throws Exception {
            List<Mat> frames = new ArrayList<>();
            OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(source)) {
                g.start();
                Frame f;
                while ((f = g.grabImage()) != null) {
                    frames.add(conv.convert(f).clone());
                }
                return new Clip(frames, g.getVideoFrameRate(), g.getImageWidth(), g.getImageHeight());
            }
        }

        /** Frame {@code i} of the clip played forwards then backwards over and over. */
        Mat pingPong(int i) {
            int period = 2 * frames.size() - 2;
            int k = i % period;
            return frames.get(k < frames.size() ? k : period - k);
        }

        @Override
        public void close() {
            frames.forEach(Mat::close);
        }
    }

    /** A real photo panned, zoomed and rotated (the face in messi5.jpg moves about the frame). */
    public static File pannedPhoto(File photo, double seconds, double fps, File out) throws Exception {
        Mat img = imread(photo.getAbsolutePath());
        int w = 640;
        int h = 480;
        OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
        try (FFmpegFrameRecorder r = recorder(out, w, h, fps, 12)) {
            r.start();
            int total = (int) Math.round(seconds * fps);
            for (int i = 0; i < total; i++) {
                double t = i / fps;
                // the face (around 490,225 in the photo) drifts around the frame centre
                float cx = (float) (489 + 40 * Math.sin(t * 0.9));
                float cy = (float) (225 + 20 * Math.cos(t * 0.7));
                double angle = 10 * Math.sin(t * 1.3);
                double scale = 2.6 + 0.4 * Math.sin(t * 0.5);
                Mat m = getRotationMatrix2D(new Point2f(cx, cy), angle, scale);
                m.ptr(0, 2).putDouble(m.ptr(0, 2).getDouble() + w / 2.0 - cx);
                m.ptr(1, 2).putDouble(m.ptr(1, 2).getDouble() + h / 2.0 - cy);
                Mat frame = new Mat();
                warpAffine(img, frame, m, new Size(w, h));
                r.record(conv.convert(frame));
                frame.close();
                m.close();
            }
        }
        img.close();
        return out;
    }

    /** A video with no face at all: a slowly moving grey gradient. */
    public static File faceless(double seconds, double fps, File out) throws Exception {
        int w = 320;
        int h = 240;
        OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
        try (FFmpegFrameRecorder r = recorder(out, w, h, fps, 12)) {
            r.start();
            int total = (int) Math.round(seconds * fps);
            for (int i = 0; i < total; i++) {
                try (Mat frame = new Mat(h, w, CV_8UC3)) {
                    try (org.bytedeco.javacpp.indexer.UByteIndexer idx = frame.createIndexer()) {
                        for (int y = 0; y < h; y++) {
                            for (int x = 0; x < w; x++) {
                                int v = (x + y + 3 * i) % 256;
                                idx.put(y, x, 0, v);
                                idx.put(y, x, 1, v);
                                idx.put(y, x, 2, v);
                            }
                        }
                    }
                    r.record(conv.convert(frame));
                }
            }
        }
        return out;
    }

    private static FFmpegFrameRecorder recorder(File out, int w, int h, double fps, int gop) {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(out, w, h, 0);
        r.setFormat(out.getName().endsWith(".avi") ? "avi" : "mp4");
        r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        r.setFrameRate(fps);
        r.setGopSize(gop);
        r.setVideoQuality(3);
        r.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
        return r;
    }
}
