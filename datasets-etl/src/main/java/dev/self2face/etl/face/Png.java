package dev.self2face.etl.face;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

/** PNG bytes to and from OpenCV Mats (OpenCV's codecs: lossless, and the pairs' storage format). */
public final class Png {
    private Png() {
    }

    public static byte[] encode(Mat image) {
        try (BytePointer buf = new BytePointer()) {
            if (!imencode(".png", image, buf)) {
                throw new IllegalStateException("PNG encoding failed for a " + image.cols() + "x" + image.rows()
                        + " image");
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }

    /** Decodes PNG (or any OpenCV-readable) bytes; channels as stored (1 for conditions, 3 BGR for faces). */
    public static Mat decode(byte[] bytes) {
        try (Mat raw = new Mat(1, bytes.length, org.bytedeco.opencv.global.opencv_core.CV_8U)) {
            raw.data().put(bytes);
            Mat img = imdecode(raw, IMREAD_UNCHANGED);
            if (img == null || img.empty()) {
                throw new IllegalArgumentException("not a decodable image (" + bytes.length + " bytes)");
            }
            return img;
        }
    }
}
