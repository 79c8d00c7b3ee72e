package dev.self2face.etl.dataset;

import java.util.List;
import java.util.Locale;

/**
 * Expression measures of a face read from its 68 stored landmarks (dlib / iBUG 300-W numbering, stored as x0, y0,
 * x1, y1, …). Each is a ratio of distances, so it does not depend on the face's size or in-plane rotation:
 * <ul>
 *   <li>{@code mouth_open}: the inner lips' gap (mean of points 61–67, 62–66, 63–65) over the face's height (nose
 *   bridge top 27 to chin 8);</li>
 *   <li>{@code eyes_open}: the eye aspect ratio of Soukupová and Čech (2016), both eyes averaged — the two vertical
 *   eyelid distances over twice the eye's width (points 36–41 and 42–47);</li>
 *   <li>{@code smile}: the mouth's width (corners 48–54) over the distance between the eyes' centres;</li>
 *   <li>{@code yaw}: the nose tip (30) along the eye line, from the midpoint between the eyes' centres, over their
 *   distance: 0 frontal, positive when the nose points to the image's right;</li>
 *   <li>{@code pitch}: the nose tip's distance below the eye line over the eyes' distance: larger when the head
 *   tilts down (the nose tip, in front of the eyes, drops in the image), smaller when it tilts up.</li>
 * </ul>
 */
public final class FaceMeasures {
    /** The measures' names, as options and files spell them. */
    public static final List<String> NAMES = List.of("mouth_open", "eyes_open", "smile", "yaw", "pitch");

    private static final int POINTS = 68;

    private FaceMeasures() {
    }

    /** The measure {@code name} (one of {@link #NAMES}) of a face's landmarks. */
    public static double of(String name, float[] landmarks) {
        if (landmarks == null || landmarks.length != 2 * POINTS) {
            throw new IllegalArgumentException("face measures need 68 landmarks, got "
                    + (landmarks == null ? "none" : landmarks.length / 2));
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mouth_open" -> mouthOpen(landmarks);
            case "eyes_open" -> (eyeAspect(landmarks, 36) + eyeAspect(landmarks, 42)) / 2;
            case "smile" -> dist(landmarks, 48, 54) / dist(eyeCentre(landmarks, 36), eyeCentre(landmarks, 42));
            case "yaw" -> nose(landmarks)[0];
            case "pitch" -> nose(landmarks)[1];
            default -> throw new IllegalArgumentException("unknown face measure '" + name + "': known are "
                    + String.join(", ", NAMES));
        };
    }

    /** All measures of a face, in the order of {@link #NAMES}. */
    public static double[] all(float[] landmarks) {
        double[] out = new double[NAMES.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(NAMES.get(i), landmarks);
        }
        return out;
    }

    /** The nose tip in the eyes' frame: {along the eye line, below it}, over the distance between the eyes. */
    private static double[] nose(float[] p) {
        double[] l = eyeCentre(p, 36);
        double[] r = eyeCentre(p, 42);
        double iod = dist(l, r);
        double ux = (r[0] - l[0]) / iod;
        double uy = (r[1] - l[1]) / iod;
        double vx = p[60] - (l[0] + r[0]) / 2;
        double vy = p[61] - (l[1] + r[1]) / 2;
        return new double[] {(vx * ux + vy * uy) / iod, (vx * -uy + vy * ux) / iod};
    }

    private static double mouthOpen(float[] p) {
        double gap = (dist(p, 61, 67) + dist(p, 62, 66) + dist(p, 63, 65)) / 3;
        return gap / dist(p, 27, 8);
    }

    /** Eye points e … e+5 in dlib's order: corner, two upper lid points, corner, two lower lid points. */
    private static double eyeAspect(float[] p, int e) {
        return (dist(p, e + 1, e + 5) + dist(p, e + 2, e + 4)) / (2 * dist(p, e, e + 3));
    }

    private static double[] eyeCentre(float[] p, int e) {
        double x = 0;
        double y = 0;
        for (int i = e; i < e + 6; i++) {
            x += p[2 * i];
            y += p[2 * i + 1];
        }
        return new double[] {x / 6, y / 6};
    }

    private static double dist(float[] p, int a, int b) {
        return Math.hypot(p[2 * a] - p[2 * b], p[2 * a + 1] - p[2 * b + 1]);
    }

    private static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
}
