package dev.self2face.etl.face;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_img_hash.PHash;

/** 64-bit DCT perceptual hash (OpenCV's img_hash PHash) and the Hamming distance between two hashes. */
public final class PerceptualHash implements AutoCloseable {
    private final PHash hasher = PHash.create();

    public long of(Mat bgr) {
        try (Mat out = new Mat()) {
            hasher.compute(bgr, out);
            long h = 0;
            try (UByteIndexer idx = out.createIndexer()) {
                for (int i = 0; i < 8; i++) {
                    h = (h << 8) | (idx.get(0, i) & 0xff);
                }
            }
            return h;
        }
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    @Override
    public void close() {
        hasher.close();
    }
}
