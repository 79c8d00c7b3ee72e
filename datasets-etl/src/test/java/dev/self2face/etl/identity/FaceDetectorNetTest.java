package dev.self2face.etl.identity;

import dev.self2face.testing.Media;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The Java detector against face-api's own SSD-MobileNet v1 outputs (computed once in Node by
 * test-tools/face-api-reference/make-references.sh and stored as numbers): the ten best anchors' scores and boxes of
 * each reference image, and the faces after non-maximum suppression.
 */
class FaceDetectorNetTest {
    /** Largest difference allowed in a score or a box coordinate. */
    static final double TOLERANCE = 1e-4;

    static FaceDetectorNet net;

    @BeforeAll
    static void load() {
        net = new FaceDetectorNet(FaceApiWeights.read(Media.faceApi().toPath(), FaceApiWeights.DETECTOR_MANIFEST));
    }

    @Test
    void scoresBoxesAndFacesMatchFaceApisOwn() throws IOException {
        Map<String, List<double[]>> anchors = new LinkedHashMap<>();
        Map<String, List<double[]>> faces = new LinkedHashMap<>();
        reference(anchors, faces);
        Map<String, byte[]> images = DetectorInputs.load();
        assertEquals(anchors.keySet(), images.keySet(), "the reference images are the ones face-api saw");
        List<String> names = new ArrayList<>(images.keySet());
        int side = FaceDetectorNet.SIZE;
        float[] pixels = new float[names.size() * side * side * 3];
        int o = 0;
        for (String name : names) {
            for (byte b : images.get(name)) {
                pixels[o++] = b & 0xff;
            }
        }
        INDArray rgb = Nd4j.create(pixels, new long[] {names.size(), side, side, 3}, 'c');
        FaceDetectorNet.Anchors mine = net.anchors(rgb);
        List<List<FaceDetectorNet.Detection>> found = net.detect(rgb, 0.3);
        double worst = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            for (double[] a : anchors.get(name)) {
                int anchor = (int) a[0];
                worst = Math.max(worst, Math.abs(mine.scores().getDouble(i, anchor) - a[1]));
                INDArray box = mine.boxes().get(point(i), point(anchor), all());
                for (int k = 0; k < 4; k++) {
                    worst = Math.max(worst, Math.abs(box.getDouble(k) - a[2 + k]));
                }
            }
            List<double[]> theirs = faces.getOrDefault(name, List.of());
            assertEquals(theirs.size(), found.get(i).size(), name + ": faces found");
            for (int f = 0; f < theirs.size(); f++) {
                FaceDetectorNet.Detection d = found.get(i).get(f);
                double[] t = theirs.get(f);
                double[] m = {d.score(), d.top(), d.left(), d.bottom(), d.right()};
                for (int k = 0; k < 5; k++) {
                    worst = Math.max(worst, Math.abs(m[k] - t[k]));
                }
            }
        }
        System.out.printf("face-api detector reference: largest difference %.2e%n", worst);
        assertTrue(worst < TOLERANCE, "largest difference to face-api's scores and boxes: " + worst);
        // and the scores mean something: faces found in real frames and framed crops, none in a blur or a pattern
        double[] best = net.bestScores(rgb);
        assertTrue(best[names.indexOf("tile-megamind-48")] > 0.9);
        assertTrue(best[names.indexOf("blurred-megamind-48")] < 0.5);
        assertTrue(best[names.indexOf("pattern")] < 0.5);
        assertEquals(2, found.get(names.indexOf("frame-12")).size(), "both characters of frame 12");
    }

    static void reference(Map<String, List<double[]>> anchors, Map<String, List<double[]>> faces) throws IOException {
        try (InputStream in = FaceDetectorNetTest.class.getResourceAsStream("/identity/face-api-detections.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                double[] v = new double[f.length - 2];
                for (int i = 2; i < f.length; i++) {
                    v[i - 2] = Double.parseDouble(f[i]);
                }
                (f[1].equals("anchor") ? anchors : faces).computeIfAbsent(f[0], k -> new ArrayList<>()).add(v);
            }
        }
    }
}
