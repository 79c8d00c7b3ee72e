package dev.self2face.etl;

import dev.self2face.etl.face.Alignment;
import dev.self2face.etl.face.DropReason;
import dev.self2face.etl.face.Png;
import dev.self2face.storage.StorageSettings;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * A photo of a face -> the aligned face and its condition image, by exactly the ETL's code and settings (detector,
 * aligner, {@code etl.condition}): what {@code translate} feeds pix2pix when it is given raw photos.
 */
public final class PhotoConditions {
    /** The aligned face (BGR) and condition image, or why the photo gave none. Mats owned by the caller. */
    public record Result(DropReason dropped, Mat aligned, Mat condition) {
        public boolean ok() {
            return dropped == null;
        }
    }

    private PhotoConditions() {
    }

    /** @throws IllegalArgumentException when the bytes are no image OpenCV can read */
    public static Result of(byte[] imageBytes, EtlSettings etl, StorageSettings storage) throws IOException {
        FaceTools tools = FaceTools.forThread(etl, storage);
        tools.startSegment();
        try (Mat img = Png.decodeImage(imageBytes); Mat bgr = img.channels() == 3 ? new Mat(img) : new Mat()) {
            if (img.channels() == 1) {
                cvtColor(img, bgr, COLOR_GRAY2BGR);
            }
            Alignment a = tools.aligner().align(bgr);
            if (!a.ok()) {
                return new Result(a.dropped(), null, null);
            }
            return new Result(null, a.aligned(), tools.condition().render(a));
        }
    }
}
