package dev.self2face.job.apply;

import dev.self2face.job.cli.Main;
import dev.self2face.job.train.MegamindDataset;
import dev.self2face.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * translate on the inputs people have: the README's real photo, the same photo as RGBA and 16-bit PNGs, a
 * condition image with an alpha channel as grey + alpha, and files that are not images (skipped and named, the rest
 * translated); and ETL keys, which translate does not use, refused with the keys it does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranslateInputsTest {
    private Path dir;
    private Path run;

    @BeforeAll
    void trainATinyRun() throws Exception {
        dir = Files.createTempDirectory("translate-inputs");
        run = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--model", "pix2pix", "--data", MegamindDataset.path(),
                "--out", run.toString(), "--steps", "4", "--batch", "4"));
        args.addAll(MegamindDataset.smallModel("pix2pix"));
        assertEquals(0, cli(args).exitCode, "the tiny run trains");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result cli(List<String> args) {
        StringWriter err = new StringWriter();
        var out = new ByteArrayOutputStream();
        var stdout = System.out;
        System.setOut(new PrintStream(out, true));
        try {
            int rc = Main.run(new PrintWriter(err, true), args.toArray(String[]::new));
            return new Result(rc, out + err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void photosWithAlphaDeepPngsAndConditionsWithAlphaAreTranslatedAndOtherFilesNamed() throws Exception {
        Path in = Files.createDirectories(dir.resolve("inputs"));
        try (Mat photo = imread(Media.messi().getPath()); Mat rgba = new Mat(); Mat deep = new Mat()) {
            cvtColor(photo, rgba, COLOR_BGR2BGRA);
            // a transparent frame around the photo
            try (Mat clear = new Mat(rgba, new Rect(0, 0, rgba.cols(), 20))) {
                clear.put(new Scalar(0, 0, 0, 0));
            }
            assertTrue(imwrite(in.resolve("messi-rgba.png").toString(), rgba));
            photo.convertTo(deep, CV_16U, 257, 0);
            assertTrue(imwrite(in.resolve("messi-16bit.png").toString(), deep));
        }
        greyWithAlphaCondition(in.resolve("sketch-grey-alpha.png"));
        Files.writeString(in.resolve("notes.png"), "not a picture");
        Files.writeString(in.resolve("readme.txt"), "hello");
        Files.write(in.resolve("empty.jpg"), new byte[0]);

        Path out = dir.resolve("out");
        Result r = cli(List.of("translate", "--model", run.toString(), "--input", in.toString(), "--out",
                out.toString()));
        assertEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("translated 3 of 6 images"), r.output);
        assertTrue(r.output.contains(in.resolve("empty.jpg") + ": not an image OpenCV can read (0 bytes)"), r.output);
        assertTrue(r.output.contains(in.resolve("notes.png") + ": not an image OpenCV can read"), r.output);
        assertTrue(r.output.contains(in.resolve("readme.txt") + ": not an image OpenCV can read"), r.output);
        for (String name : List.of("messi-rgba.png", "messi-rgba-condition.png", "messi-16bit.png",
                "sketch-grey-alpha.png")) {
            assertTrue(Files.size(out.resolve(name)) > 100, name);
        }
        assertFalse(Files.exists(out.resolve("sketch-grey-alpha-condition.png")), "read as a condition image");
    }

    @Test
    void theReadmePhotoIsTranslated() throws Exception {
        Path out = dir.resolve("readme-out");
        Result r = cli(List.of("translate", "--model", run.toString(), "--input", Media.messi().getPath(), "--out",
                out.toString()));
        assertEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("translated 1 of 1 images"), r.output);
        assertTrue(Files.exists(out.resolve("messi5-condition.png")));
    }

    @Test
    void etlKeysAreRefusedWithTheKeysTranslateUses() {
        Result r = cli(List.of("translate", "--model", run.toString(), "--input", Media.messi().getPath(), "--out",
                dir.resolve("never").toString(), "--set", "etl.min-face-px=30"));
        assertEquals(2, r.exitCode, r.output);
        assertTrue(r.output.contains("'etl.min-face-px'") && r.output.contains("translate.*"), r.output);
        Result tuned = cli(List.of("translate", "--model", run.toString(), "--input", Media.messi().getPath(),
                "--out", dir.resolve("tuned").toString(), "--set", "translate.min-face-px=200"));
        assertEquals(1, tuned.exitCode, "a 200 px minimum finds no face in the photo: " + tuned.output);
        assertTrue(tuned.output.contains("translate.min-face-px = 200"), tuned.output);
    }

    /** A landmark-sketch-like condition stored as grey + alpha (lines opaque, background transparent). */
    private static void greyWithAlphaCondition(Path file) throws Exception {
        int size = 96;
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(size, size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean line = Math.abs(Math.hypot(x - 48, y - 52) - 30) < 1.5 || (y == 40 && Math.abs(x - 48) < 20);
                raster.setSample(x, y, 0, line ? 255 : 0);
                raster.setSample(x, y, 1, line ? 255 : 0);
            }
        }
        BufferedImage img = new BufferedImage(model, raster, false, null);
        assertTrue(ImageIO.write(img, "png", file.toFile()));
        try (Mat back = imread(file.toString(), -1)) {
            assertTrue(back.channels() == 2 || back.channels() == 4, "grey+alpha read as " + back.channels());
        }
    }
}
