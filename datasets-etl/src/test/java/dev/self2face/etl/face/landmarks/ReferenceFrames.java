package dev.self2face.etl.face.landmarks;

import dev.self2face.etl.video.FrameSampler;
import dev.self2face.etl.video.Segment;
import dev.self2face.etl.video.VideoDecoder;
import dev.self2face.etl.video.VideoInfo;
import dev.self2face.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * The real frames the landmark test vectors are made from: Megamind.avi at fixed frame indices and messi5.jpg, as
 * 8-bit grey (OpenCV's conversion, the same the ETL uses). {@code main} writes them as PGM for the dlib reference
 * program (test-tools/dlib-reference/make-vectors.sh); the test decodes the same frames again.
 */
public final class ReferenceFrames {
    static final Set<Integer> MEGAMIND_FRAMES = Set.of(12, 48, 84, 120, 156, 192, 228, 264);

    private ReferenceFrames() {
    }

    /** name -> grey frame, in a fixed order. */
    public static Map<String, Mat> load() throws IOException {
        Map<String, Mat> out = new LinkedHashMap<>();
        File video = Media.megamind();
        try (VideoDecoder d = new VideoDecoder(video)) {
            VideoInfo info = d.probe(video.getPath(), "ref", video.length());
            d.decode(Segment.split(info, "ref", 3600).get(0), new FrameSampler(0, info.frameDurationSec()),
                    (index, t, bgr) -> {
                        if (MEGAMIND_FRAMES.contains((int) index)) {
                            out.put("megamind-" + index, gray(bgr));
                        }
                    });
        }
        try (Mat messi = imread(Media.messi().getPath())) {
            out.put("messi5", gray(messi));
        }
        return out;
    }

    private static Mat gray(Mat bgr) {
        Mat g = new Mat();
        cvtColor(bgr, g, COLOR_BGR2GRAY);
        return g;
    }

    public static byte[] pixels(Mat gray) {
        byte[] px = new byte[gray.cols() * gray.rows()];
        Mat m = gray.isContinuous() ? gray : gray.clone();
        m.data().get(px);
        return px;
    }

    public static void main(String[] args) throws IOException {
        File dir = new File(args[0]);
        dir.mkdirs();
        try (PrintWriter list = new PrintWriter(new File(dir, "frames.list"), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Mat> e : load().entrySet()) {
                File pgm = new File(dir, e.getKey() + ".pgm");
                Mat g = e.getValue();
                try (FileOutputStream o = new FileOutputStream(pgm)) {
                    o.write(("P5\n" + g.cols() + " " + g.rows() + "\n255\n").getBytes(StandardCharsets.US_ASCII));
                    o.write(pixels(g));
                }
                list.println(e.getKey() + " " + pgm.getAbsolutePath());
            }
        }
    }
}
