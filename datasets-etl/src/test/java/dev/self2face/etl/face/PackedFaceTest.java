package dev.self2face.etl.face;

import dev.self2face.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real face crop (messi5.jpg) packed and unpacked comes back pixel for pixel; what is not a square BGR image is
 * refused. */
class PackedFaceTest {
    @Test
    void realFaceComesBackExactly() throws Exception {
        try (Mat photo = imread(Media.messi().toString());
             Mat crop = new Mat(photo, new Rect(185, 53, 120, 120));
             Mat face = new Mat()) {
            resize(crop, face, new Size(256, 256));
            byte[] packed = PackedFace.pack(face);
            assertTrue(packed.length < 256 * 256 * 3, "compressed: " + packed.length);
            try (Mat back = PackedFace.unpack(packed); Mat diff = new Mat(); Mat grey = new Mat()) {
                assertEquals(face.type(), back.type());
                assertEquals(256, back.rows());
                absdiff(face, back, diff);
                cvtColor(diff, grey, COLOR_BGR2GRAY);
                assertEquals(0, countNonZero(grey));
            }
        }
    }

    @Test
    void refusesWhatIsNotASquareColourImage() {
        try (Mat grey = new Mat(64, 64, CV_8UC1)) {
            assertThrows(IllegalArgumentException.class, () -> PackedFace.pack(grey));
        }
    }
}
