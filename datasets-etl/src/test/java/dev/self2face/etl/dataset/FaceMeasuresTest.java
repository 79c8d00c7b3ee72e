package dev.self2face.etl.dataset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The landmark measures on a face drawn by hand: known distances give known ratios, at any size and rotation. */
class FaceMeasuresTest {
    /** A 68-point face: chin at (0, 100), nose bridge at (0, 0), eyes 40 apart, a mouth 50 wide open by gap. */
    static float[] face(double gap, double eyeHeight) {
        float[] p = new float[136];
        set(p, 8, 0, 100);
        set(p, 27, 0, 0);
        eye(p, 36, -20, 10, eyeHeight);
        eye(p, 42, 20, 10, eyeHeight);
        set(p, 48, -25, 70);
        set(p, 54, 25, 70);
        for (int[] pair : new int[][] {{61, 67}, {62, 66}, {63, 65}}) {
            set(p, pair[0], (pair[0] - 62) * 5, 70 - gap / 2);
            set(p, pair[1], (pair[0] - 62) * 5, 70 + gap / 2);
        }
        return p;
    }

    private static void eye(float[] p, int e, double cx, double cy, double h) {
        set(p, e, cx - 10, cy);
        set(p, e + 1, cx - 4, cy - h / 2);
        set(p, e + 2, cx + 4, cy - h / 2);
        set(p, e + 3, cx + 10, cy);
        set(p, e + 4, cx + 4, cy + h / 2);
        set(p, e + 5, cx - 4, cy + h / 2);
    }

    private static void set(float[] p, int i, double x, double y) {
        p[2 * i] = (float) x;
        p[2 * i + 1] = (float) y;
    }

    /** The face scaled by s and turned by a radians about the origin. */
    static float[] moved(float[] p, double s, double a) {
        float[] q = new float[p.length];
        for (int i = 0; i < p.length; i += 2) {
            q[i] = (float) (s * (Math.cos(a) * p[i] - Math.sin(a) * p[i + 1]) + 300);
            q[i + 1] = (float) (s * (Math.sin(a) * p[i] + Math.cos(a) * p[i + 1]) + 200);
        }
        return q;
    }

    @Test
    void knownDistancesGiveKnownRatios() {
        float[] f = face(20, 6);
        assertEquals(0.2, FaceMeasures.of("mouth_open", f), 1e-6, "gap 20 over height 100");
        assertEquals(0.3, FaceMeasures.of("eyes_open", f), 1e-6, "(6 + 6) / (2 * 20)");
        assertEquals(50.0 / 40, FaceMeasures.of("smile", f), 1e-6, "width 50 over eye distance 40");
        assertTrue(FaceMeasures.of("mouth_open", face(2, 6)) < FaceMeasures.of("mouth_open", f));
        assertTrue(FaceMeasures.of("eyes_open", face(20, 1)) < FaceMeasures.of("eyes_open", f));
    }

    @Test
    void headPoseIsTheNoseTipInTheEyesFrame() {
        float[] f = face(20, 6);
        set(f, 30, 6, 34);
        assertEquals(6.0 / 40, FaceMeasures.of("yaw", f), 1e-6, "6 along the eye line from the eyes' midpoint");
        assertEquals(24.0 / 40, FaceMeasures.of("pitch", f), 1e-6, "24 below the eye line (y = 10)");
        set(f, 30, -8, 20);
        assertTrue(FaceMeasures.of("yaw", f) < 0, "nose to the image's left");
        assertTrue(FaceMeasures.of("pitch", f) < 24.0 / 40, "nose closer to the eye line: head tilted up");
        float[] turned = moved(f, 1.3, -0.7);
        assertEquals(FaceMeasures.of("yaw", f), FaceMeasures.of("yaw", turned), 1e-4);
        assertEquals(FaceMeasures.of("pitch", f), FaceMeasures.of("pitch", turned), 1e-4);
        assertEquals(FaceMeasures.NAMES.size(), FaceMeasures.all(f).length);
    }

    @Test
    void sizeAndRotationDoNotMatter() {
        float[] f = face(12, 5);
        float[] g = moved(f, 2.7, 0.4);
        for (String m : FaceMeasures.NAMES) {
            assertEquals(FaceMeasures.of(m, f), FaceMeasures.of(m, g), 1e-4, m);
        }
    }

    @Test
    void unknownNamesAndMissingLandmarksAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaceMeasures.of("frown", face(1, 1)));
        assertTrue(e.getMessage().contains("frown") && e.getMessage().contains("mouth_open"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaceMeasures.of("smile", new float[10]));
    }
}
