package dev.self2face.etl.face;


import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

/** Image bytes to and from OpenCV Mats (OpenCV's codecs; PNG, lossless, is the pairs' storage format). */
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

    /**
     * Any image OpenCV reads as 8-bit grey (one channel) or BGR (three): deeper images are scaled to 8 bits, and
     * an alpha channel is composited onto black (transparent parts become background, as in a condition image).
     *
     * @throws IllegalArgumentException when the bytes are no image OpenCV can read
     */
    public static Mat decodeImage(byte[] bytes) {
        Mat img = decode(bytes);
        if (img.depth() != CV_8U) {
            try (Mat deep = img) {
                img = new Mat();
                double scale = deep.depth() == CV_16U ? 1 / 257.0 : deep.depth() == CV_32F || deep.depth() == CV_64F
                        ? 255.0 : 1.0;
                deep.convertTo(img, CV_8U, scale, 0);
            }
        }
        int ch = img.channels();
        if (ch == 1 || ch == 3) {
            return img;
        }
        try (Mat withAlpha = img; MatVector planes = new MatVector()) {
            split(withAlpha, planes);
            Mat alpha = planes.get(planes.size() - 1);
            int colour = (int) planes.size() - 1;
            MatVector premultiplied = new MatVector(colour);
            for (int i = 0; i < colour; i++) {
                Mat p = new Mat();
                multiply(planes.get(i), alpha, p, 1 / 255.0, -1);
                premultiplied.put(i, p);
            }
            Mat out = new Mat();
            merge(premultiplied, out);
            return out;
        }
    }

    /** Decodes PNG (or any OpenCV-readable) bytes; channels as stored (1 for conditions, 3 BGR for faces). */
    public static Mat decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("not a decodable image (0 bytes: an empty file)");
        }
        try (Mat raw = new Mat(1, bytes.length, CV_8U)) {
            raw.data().put(bytes);
            Mat img = imdecode(raw, IMREAD_UNCHANGED);
            if (img == null || img.empty()) {
                throw new IllegalArgumentException("not a decodable image (" + bytes.length + " bytes)");
            }
            return img;
        }
    }
}
