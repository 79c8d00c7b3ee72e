package dev.self2face.etl.identity;

import dev.self2face.etl.video.FrameSampler;
import dev.self2face.etl.video.Segment;
import dev.self2face.etl.video.VideoDecoder;
import dev.self2face.etl.video.VideoInfo;
import dev.self2face.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The inputs face-api's detector scores were computed for (test-tools/face-api-reference/make-references.sh):
 * 512x512 RGB images — whole Megamind.avi frames and messi5.jpg padded at the bottom and right to a square (as
 * face-api pads), the reference face crops of {@link ReferenceFaces} framed as the face_rate metric frames a tile (the
 * tile at two thirds of the side, centred on black), a blurred crop, and a synthetic pattern.
 */
public final class DetectorInputs {
    private static final Set<Integer> FRAMES = Set.of(12, 120, 228);

    private DetectorInputs() {
    }

    /** name -> 512x512x3 RGB bytes, in a fixed order. */
    public static Map<String, byte[]> load() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        File video = Media.megamind();
        try (VideoDecoder d = new VideoDecoder(video)) {
            VideoInfo info = d.probe(video.getPath(), "ref", video.length());
            d.decode(Segment.split(info, "ref", 3600).get(0), new FrameSampler(0, info.frameDurationSec()),
                    (index, t, bgr) -> {
                        if (FRAMES.contains((int) index)) {
                            out.put("frame-" + index, padded(bgr));
                        }
                    });
        }
        try (Mat messi = imread(Media.messi().getPath())) {
            out.put("messi5", padded(messi));
        }
        Map<String, byte[]> faces = ReferenceFaces.load();
        for (String name : new String[] {"megamind-48", "megamind-156", "messi5"}) {
            out.put("tile-" + name, framed(faces.get(name), false));
        }
        out.put("blurred-megamind-48", framed(faces.get("megamind-48"), true));
        out.put("pattern", framed(faces.get("pattern"), false));
        return out;
    }

    /** A BGR image padded with black at the bottom or right to a square, resized to 512, RGB. */
    private static byte[] padded(Mat bgr) {
        int side = Math.max(bgr.cols(), bgr.rows());
        try (Mat square = new Mat()) {
            copyMakeBorder(bgr, square, 0, side - bgr.rows(), 0, side - bgr.cols(), BORDER_CONSTANT,
                    new Scalar(0, 0, 0, 0));
            return rgb512(square);
        }
    }

    /** A 150x150 RGB crop as the face_rate metric frames a tile: resized to 342 px, centred on 512 black. */
    private static byte[] framed(byte[] rgb150, boolean blur) {
        int s = FaceDescriptorNet.SIZE;
        try (Mat rgb = new Mat(s, s, org.bytedeco.opencv.global.opencv_core.CV_8UC3); Mat sized = new Mat();
             Mat canvas = new Mat(FaceDetectorNet.SIZE, FaceDetectorNet.SIZE,
                     org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(0, 0, 0, 0))) {
            rgb.data().put(rgb150);
            if (blur) {
                GaussianBlur(rgb, rgb, new Size(0, 0), 8);
            }
            int tile = 342;
            int at = (FaceDetectorNet.SIZE - tile) / 2;
            resize(rgb, sized, new Size(tile, tile), 0, 0, INTER_LINEAR);
            try (Mat roi = new Mat(canvas, new Rect(at, at, tile, tile))) {
                sized.copyTo(roi);
            }
            byte[] px = new byte[FaceDetectorNet.SIZE * FaceDetectorNet.SIZE * 3];
            canvas.data().get(px);
            return px;
        }
    }

    private static byte[] rgb512(Mat bgr) {
        try (Mat sized = new Mat(); Mat rgb = new Mat()) {
            resize(bgr, sized, new Size(FaceDetectorNet.SIZE, FaceDetectorNet.SIZE), 0, 0, INTER_LINEAR);
            cvtColor(sized, rgb, COLOR_BGR2RGB);
            byte[] px = new byte[FaceDetectorNet.SIZE * FaceDetectorNet.SIZE * 3];
            (rgb.isContinuous() ? rgb : rgb.clone()).data().get(px);
            return px;
        }
    }

    public static void main(String[] args) throws IOException {
        ReferenceFaces.writeRaw(new File(args[0]), load());
    }
}
