package dev.self2face.etl.face.landmarks;

import dev.self2face.etl.face.FaceDetector;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenCV detector's box mapped by {@link BoxCalibration} lands on the box dlib's HOG detector (the one the
 * landmark model was trained on) finds in the same real frames.
 */
class BoxCalibrationTest {
    @Test
    void calibratedBoxesMatchDlibsBoxes() throws Exception {
        Map<String, Mat> frames = ReferenceFrames.load();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/landmarks/dlib-reference.txt"), StandardCharsets.UTF_8))) {
            r.lines().filter(l -> !l.startsWith("#")).forEach(lines::add);
        }
        StringBuilder report = new StringBuilder();
        List<Double> errors = new ArrayList<>();
        try (FaceDetector detector = new FaceDetector(240, 32, 0.05)) {
            for (String line : lines) {
                String[] f = line.split("\\s+");
                Mat g = frames.get(f[0]);
                Rect cv = detector.largestFace(g);
                if (cv == null) {
                    report.append(f[0]).append(": no OpenCV face\n");
                    continue;
                }
                double dl = Double.parseDouble(f[1]);
                double dt = Double.parseDouble(f[2]);
                double dw = Double.parseDouble(f[3]) - dl;
                double dh = Double.parseDouble(f[4]) - dt;
                report.append(String.format("%s: dlib centre-x %+.3f w, centre-y %+.3f h, size %.3f of the cv box%n",
                        f[0], (dl + dw / 2 - cv.x() - cv.width() / 2.0) / cv.width(),
                        (dt + dh / 2 - cv.y() - cv.height() / 2.0) / cv.height(), dw / cv.width()));
                int[] mapped = BoxCalibration.toDlib(cv.x(), cv.y(), cv.width(), cv.height());
                double err = (Math.abs(mapped[0] - dl) + Math.abs(mapped[1] - dt)
                        + Math.abs(mapped[2] - dl - dw) + Math.abs(mapped[3] - dt - dh)) / 4 / dw;
                errors.add(err);
            }
        }
        System.out.println(report);
        errors.sort(Double::compare);
        assertTrue(errors.size() >= 7, "OpenCV found faces in " + errors.size() + " frames\n" + report);
        double median = errors.get(errors.size() / 2);
        assertTrue(median < 0.08, "median corner error " + median + " of the box size\n" + report);
    }
}
