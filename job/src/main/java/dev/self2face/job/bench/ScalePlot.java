package dev.self2face.job.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code bench scale}'s log-log plot: seconds per stage over n, with the slope of linear growth drawn for
 * reference. A chart this small is drawn with Java2D rather than by adding a plotting library to the job.
 */
final class ScalePlot {
    private static final int W = 900;
    private static final int H = 560;
    private static final int LEFT = 70;
    private static final int RIGHT = 330;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private ScalePlot() {
    }

    static byte[] png(List<Integer> sizes, Map<String, double[]> seconds) throws IOException {
        double xMin = Math.log10(sizes.get(0));
        double xMax = Math.log10(sizes.get(sizes.size() - 1));
        if (xMax <= xMin) {
            xMax = xMin + 1;
        }
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (double[] s : seconds.values()) {
            for (double v : s) {
                yMin = Math.min(yMin, Math.log10(Math.max(v, 1e-3)));
                yMax = Math.max(yMax, Math.log10(Math.max(v, 1e-3)));
            }
        }
        yMin = Math.floor(yMin);
        yMax = Math.max(Math.ceil(yMax), yMin + 1);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        Axes a = new Axes(xMin, xMax, yMin, yMax);
        g.setColor(new Color(0xdddddd));
        for (double y = yMin; y <= yMax; y++) {
            g.drawLine(LEFT, a.y(y), W - RIGHT, a.y(y));
            g.setColor(Color.DARK_GRAY);
            g.drawString(label(y) + " s", 8, a.y(y) + 4);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.DARK_GRAY);
        for (int n : sizes) {
            g.drawString(Integer.toString(n), a.x(Math.log10(n)) - 12, H - BOTTOM + 18);
        }
        g.drawString("pairs (log)", (LEFT + W - RIGHT) / 2 - 30, H - 12);
        g.drawRect(LEFT, TOP, W - RIGHT - LEFT, H - TOP - BOTTOM);
        // slope 1 through the lower left corner: a linear stage runs parallel to it
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
        g.setColor(Color.GRAY);
        g.drawLine(a.x(xMin), a.y(yMin), a.x(xMax), a.y(yMin + (xMax - xMin)));
        g.drawString("linear (slope 1)", W - RIGHT + 10, TOP + 14);
        int k = 0;
        g.setStroke(new BasicStroke(2f));
        for (Map.Entry<String, double[]> e : seconds.entrySet()) {
            g.setColor(COLOURS[k % COLOURS.length]);
            double[] s = e.getValue();
            for (int i = 0; i < sizes.size(); i++) {
                int x = a.x(Math.log10(sizes.get(i)));
                int y = a.y(Math.log10(Math.max(s[i], 1e-3)));
                g.fillOval(x - 3, y - 3, 7, 7);
                if (i > 0) {
                    g.drawLine(a.x(Math.log10(sizes.get(i - 1))), a.y(Math.log10(Math.max(s[i - 1], 1e-3))), x, y);
                }
            }
            String name = e.getKey().length() > 44 ? e.getKey().substring(0, 43) + "…" : e.getKey();
            g.drawString(name, W - RIGHT + 10, TOP + 34 + 18 * k);
            k++;
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static String label(double log10) {
        return new java.math.BigDecimal(Math.pow(10, log10)).round(new java.math.MathContext(1))
                .stripTrailingZeros().toPlainString();
    }

    private record Axes(double xMin, double xMax, double yMin, double yMax) {
        int x(double lx) {
            return LEFT + (int) Math.round((lx - xMin) / (xMax - xMin) * (W - RIGHT - LEFT));
        }

        int y(double ly) {
            return H - BOTTOM - (int) Math.round((ly - yMin) / (yMax - yMin) * (H - TOP - BOTTOM));
        }
    }
}
