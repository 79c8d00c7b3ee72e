package dev.self2face.etl.identity;

import dev.self2face.etl.video.FrameSampler;
import dev.self2face.etl.video.Segment;
import dev.self2face.etl.video.VideoDecoder;
import dev.self2face.etl.video.VideoInfo;
import dev.self2face.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The inputs face-api's descriptors were computed for (test-tools/face-api-reference/make-references.sh): 150x150
 * RGB crops around the dlib face boxes of the landmark reference frames (Megamind.avi at fixed frames, messi5.jpg),
 * the box widened by a quarter on each side, and one synthetic pattern. {@code main} writes them as raw bytes for
 * the Node script; the test makes the same crops again.
 */
public final class ReferenceFaces {
    private ReferenceFaces() {
    }

    /** name -> 150x150x3 RGB bytes, in a fixed order. */
    public static Map<String, byte[]> load() throws IOException {
        Map<String, int[]> boxes = boxes();
        Map<String, byte[]> out = new LinkedHashMap<>();
        File video = Media.megamind();
        try (VideoDecoder d = new VideoDecoder(video)) {
            VideoInfo info = d.probe(video.getPath(), "ref", video.length());
            d.decode(Segment.split(info, "ref", 3600).get(0), new FrameSampler(0, info.frameDurationSec()),
                    (index, t, bgr) -> {
                        int[] box = boxes.get("megamind-" + index);
                        if (box != null) {
                            out.put("megamind-" + index, crop(bgr, box));
                        }
                    });
        }
        try (Mat messi = imread(Media.messi().getPath())) {
            out.put("messi5", crop(messi, boxes.get("messi5")));
        }
        byte[] pattern = new byte[FaceDescriptorNet.SIZE * FaceDescriptorNet.SIZE * 3];
        for (int i = 0; i < pattern.length; i++) {
            int pixel = i / 3;
            pattern[i] = (byte) ((pixel % 150) * 7 + (pixel / 150) * 13 + (i % 3) * 50);
        }
        out.put("pattern", pattern);
        return out;
    }

    /** The HOG boxes (left, top, right, bottom) of the landmark reference file. */
    static Map<String, int[]> boxes() throws IOException {
        Map<String, int[]> boxes = new LinkedHashMap<>();
        try (InputStream in = ReferenceFaces.class.getResourceAsStream("/landmarks/dlib-reference.txt")) {
            List<String> lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                if (line.startsWith("#") || f.length < 5) {
                    continue;
                }
                boxes.put(f[0], new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4])});
            }
        }
        return boxes;
    }

    private static byte[] crop(Mat bgr, int[] box) {
        int w = box[2] - box[0];
        int h = box[3] - box[1];
        int x0 = Math.max(0, box[0] - w / 4);
        int y0 = Math.max(0, box[1] - h / 4);
        int x1 = Math.min(bgr.cols(), box[2] + w / 4);
        int y1 = Math.min(bgr.rows(), box[3] + h / 4);
        byte[] px = new byte[FaceDescriptorNet.SIZE * FaceDescriptorNet.SIZE * 3];
        try (Mat roi = new Mat(bgr, new Rect(x0, y0, x1 - x0, y1 - y0)); Mat sized = new Mat(); Mat rgb = new Mat()) {
            resize(roi, sized, new Size(FaceDescriptorNet.SIZE, FaceDescriptorNet.SIZE), 0, 0, INTER_AREA);
            cvtColor(sized, rgb, COLOR_BGR2RGB);
            (rgb.isContinuous() ? rgb : rgb.clone()).data().get(px);
        }
        return px;
    }

    public static void main(String[] args) throws IOException {
        writeRaw(new File(args[0]), load());
    }

    /**
     * Writes each image as raw bytes NAME.rgb into {@code dir} and lists them, "NAME path" per line, in
     * {@code dir/images.list}: what the Node scripts of test-tools/face-api-reference read.
     */
    static void writeRaw(File dir, Map<String, byte[]> images) throws IOException {
        dir.mkdirs();
        try (PrintWriter list = new PrintWriter(new File(dir, "images.list"), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : images.entrySet()) {
                File raw = new File(dir, e.getKey() + ".rgb");
                Files.write(raw.toPath(), e.getValue());
                list.println(e.getKey() + " " + raw.getAbsolutePath());
            }
        }
    }
}
