package dev.self2face.job.data;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_PLAIN;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;

/**
 * Sample grids as PNG: images in [-1, 1], NCHW RGB. DCGAN: a square-ish grid of G(z). pix2pix: one row per input,
 * condition | generated | real, several such triplets per row.
 */
public final class SampleGrid {
    private static final int GAP = 2;

    private SampleGrid() {
    }

    /** {@code images} in a grid of {@code columns} columns. */
    public static byte[] grid(INDArray images, int columns) {
        int n = (int) images.size(0);
        int rows = (n + columns - 1) / columns;
        int s = (int) images.size(2);
        BufferedImage out = canvas(columns * (s + GAP) + GAP, rows * (s + GAP) + GAP);
        for (int i = 0; i < n; i++) {
            draw(out, images, i, GAP + (i % columns) * (s + GAP), GAP + (i / columns) * (s + GAP));
        }
        return png(out);
    }

    /**
     * {@code images} in a grid of {@code columns} columns with a caption under each column (e.g. per-face errors under
     * original | reconstruction columns).
     */
    public static byte[] captioned(INDArray images, int columns, String[] captions) {
        int n = (int) images.size(0);
        int rows = (n + columns - 1) / columns;
        int s = (int) images.size(2);
        int strip = 14;
        int cell = Math.max(s, 44);
        BufferedImage out = canvas(columns * (cell + GAP) + GAP, rows * (s + GAP) + GAP + strip);
        for (int i = 0; i < n; i++) {
            draw(out, images, i, GAP + (i % columns) * (cell + GAP) + (cell - s) / 2, GAP + (i / columns) * (s + GAP));
        }
        // OpenCV's built-in Hershey font: no system fonts needed (a headless server may have none for Java2D)
        int height = rows * (s + GAP) + GAP + strip;
        try (Mat text = new Mat(strip, out.getWidth(), CV_8UC1, new Scalar(0.0))) {
            for (int c = 0; c < Math.min(columns, captions.length); c++) {
                int[] base = new int[1];
                Size size = getTextSize(captions[c], FONT_HERSHEY_PLAIN, 0.8, 1, base);
                int x = GAP + c * (cell + GAP) + Math.max(0, (cell - size.width()) / 2);
                putText(text, captions[c], new Point(x, strip - 3), FONT_HERSHEY_PLAIN, 0.8, new Scalar(230.0), 1,
                        LINE_AA, false);
                size.close();
            }
            byte[] px = new byte[strip * out.getWidth()];
            text.data().get(px);
            for (int y = 0; y < strip; y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    int v = Math.max(40, px[y * out.getWidth() + x] & 0xff);
                    out.setRGB(x, height - strip + y, (v << 16) | (v << 8) | v);
                }
            }
        }
        return png(out);
    }

    /** Image {@code i} of {@code images} alone, as PNG. */
    public static byte[] single(INDArray images, int i) {
        int s = (int) images.size(2);
        BufferedImage out = canvas(s, s);
        draw(out, images, i, 0, 0);
        return png(out);
    }

    /** Triplets condition | generated | real, {@code perRow} triplets per row. */
    public static byte[] triplets(INDArray condition, INDArray generated, INDArray real, int perRow) {
        int n = (int) generated.size(0);
        int s = (int) generated.size(2);
        int tripletWidth = 3 * s + 4 * GAP;
        int rows = (n + perRow - 1) / perRow;
        BufferedImage out = canvas(perRow * tripletWidth + GAP, rows * (s + GAP) + GAP);
        for (int i = 0; i < n; i++) {
            int x = (i % perRow) * tripletWidth + GAP;
            int y = GAP + (i / perRow) * (s + GAP);
            draw(out, condition, i, x, y);
            draw(out, generated, i, x + s + GAP, y);
            draw(out, real, i, x + 2 * (s + GAP), y);
        }
        return png(out);
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(40, 40, 40));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return out;
    }

    private static void draw(BufferedImage out, INDArray images, int i, int x0, int y0) {
        int s = (int) images.size(2);
        float[] px = images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup('c').data().asFloat();
        int plane = s * s;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int r = level(px[y * s + x]);
                int g = level(px[plane + y * s + x]);
                int b = level(px[2 * plane + y * s + x]);
                out.setRGB(x0 + x, y0 + y, (r << 16) | (g << 8) | b);
            }
        }
    }

    private static int level(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(img, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
