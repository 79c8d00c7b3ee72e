package dev.self2face.etl.face.landmarks;

import dev.self2face.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java predictor against dlib itself: dlib's landmarks for real frames (committed numbers, made by
 * test-tools/dlib-reference/make-vectors.sh) must be matched within 1 px on average on every frame.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShapePredictorReferenceTest {
    record Reference(String name, int[] box, float[] points) {
    }

    ShapePredictor predictor;
    List<Reference> references = new ArrayList<>();
    Map<String, Mat> frames;

    @BeforeAll
    void load() throws Exception {
        try (InputStream in = new FileInputStream(new File(Media.dir(), "shape_predictor_68_face_landmarks.dat"))) {
            predictor = ShapePredictor.read(in);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/landmarks/dlib-reference.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                int[] box = {Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4])};
                float[] pts = new float[f.length - 5];
                for (int i = 0; i < pts.length; i++) {
                    pts[i] = Float.parseFloat(f[5 + i]);
                }
                references.add(new Reference(f[0], box, pts));
            }
        }
        frames = ReferenceFrames.load();
    }

    @Test
    void modelHas68PointsAndACascade() {
        assertEquals(68, predictor.parts());
        assertTrue(predictor.cascadeLevels() >= 10, "levels " + predictor.cascadeLevels());
    }

    @Test
    void matchesDlibWithinOnePixelOnEveryFrame() {
        assertEquals(9, references.size(), "8 Megamind frames and messi5.jpg");
        StringBuilder report = new StringBuilder();
        double worst = 0;
        for (Reference ref : references) {
            Mat g = frames.get(ref.name());
            float[] p = predictor.predict(ReferenceFrames.pixels(g), g.cols(), g.rows(), ref.box());
            assertEquals(136, p.length);
            double sum = 0;
            for (int i = 0; i < 68; i++) {
                // dlib reports integer points (rounded)
                sum += Math.hypot(Math.floor(p[2 * i] + 0.5) - ref.points()[2 * i],
                        Math.floor(p[2 * i + 1] + 0.5) - ref.points()[2 * i + 1]);
            }
            double mean = sum / 68;
            worst = Math.max(worst, mean);
            report.append(String.format("%s: mean %.3f px%n", ref.name(), mean));
        }
        System.out.println(report);
        assertTrue(worst < 1.0, "mean landmark error per frame must stay under 1 px:\n" + report);
    }
}
