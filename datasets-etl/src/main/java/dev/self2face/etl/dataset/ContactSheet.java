package dev.self2face.etl.dataset;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A grid of (condition | face) pairs with a caption each, and below it, optionally, strips of faces the run dropped
 * (one per other identity), drawn with Java2D and written as PNG.
 */
public final class ContactSheet {
    public record Tile(String caption, byte[] conditionPng, byte[] facePng) {
    }

    /** A captioned row of faces (PNG): e.g. one identity the ETL dropped. */
    public record Strip(String caption, List<byte[]> facePngs) implements java.io.Serializable {
    }

    private static final int THUMB = 128;
    private static final int CAPTION = 16;
    private static final int PAD = 6;
    private static final int PAIRS_PER_ROW = 4;
    private static final int STRIP_THUMB = 64;
    /** Faces per strip. */
    public static final int STRIP_FACES = 12;

    private ContactSheet() {
    }

    public static byte[] render(String title, List<Tile> tiles) {
        return render(title, tiles, List.of());
    }

    public static byte[] render(String title, List<Tile> tiles, List<Strip> strips) {
        int cols = Math.max(1, Math.min(PAIRS_PER_ROW, tiles.size()));
        int rows = Math.max(1, (tiles.size() + cols - 1) / cols);
        int cellW = 2 * THUMB + PAD;
        int cellH = THUMB + CAPTION + PAD;
        int header = 28;
        int stripH = CAPTION + STRIP_THUMB + PAD;
        int width = Math.max(cols * cellW + PAD, PAD + STRIP_FACES * (STRIP_THUMB + 2));
        BufferedImage sheet = new BufferedImage(width, header + rows * cellH + PAD + strips.size() * stripH,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(24, 24, 28));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(tiles.isEmpty() ? title + "  (no pairs)" : title, PAD, 19);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));
            for (int i = 0; i < tiles.size(); i++) {
                Tile t = tiles.get(i);
                int x = PAD + (i % cols) * cellW;
                int y = header + (i / cols) * cellH;
                g.drawImage(decode(t.conditionPng()), x, y, THUMB, THUMB, null);
                g.drawImage(decode(t.facePng()), x + THUMB, y, THUMB, THUMB, null);
                g.setColor(new Color(200, 200, 210));
                g.drawString(fit(t.caption(), 2 * THUMB / 7), x, y + THUMB + 12);
            }
            int y = header + rows * cellH + PAD;
            for (Strip strip : strips) {
                g.setColor(new Color(230, 170, 120));
                g.drawString(strip.caption(), PAD, y + 12);
                for (int i = 0; i < Math.min(STRIP_FACES, strip.facePngs().size()); i++) {
                    g.drawImage(decode(strip.facePngs().get(i)), PAD + i * (STRIP_THUMB + 2), y + CAPTION,
                            STRIP_THUMB, STRIP_THUMB, null);
                }
                y += stripH;
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(sheet, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img == null) {
                throw new IOException("not an image");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("contact sheet: cannot decode a stored image", e);
        }
    }

    private static String fit(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }
}
