package dev.self2face.job.apply;

import dev.self2face.config.ConfigError;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.PhotoConditions;
import dev.self2face.etl.face.Png;
import dev.self2face.job.data.FaceTensors;
import dev.self2face.job.data.SampleGrid;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.run.ModelFolder;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.run.TrainedGenerator;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * A trained pix2pix generator applied to images: condition images as they are, photos of a face aligned and turned
 * into a condition image by the ETL's own code with the settings the run's dataset was made with (size, eye
 * geometry, aligner, condition kind). Only the face search differs: a photo is searched at full resolution for
 * faces down to {@code translate.min-face-px}, since a photo's face is often far smaller than a personal video's.
 * Files that are not images are skipped and named; so are photos without a face.
 */
public final class Translator {
    private static final Logger LOG = LoggerFactory.getLogger("self2face.translate");

    /** How inputs are read: AUTO takes grey images that are mostly black for conditions. */
    public enum InputKind { AUTO, CONDITION, PHOTO }

    /** What a call did: images written, images looked at, and each skipped file with its reason. */
    public record Outcome(int translated, int total, List<String> skipped) {
    }

    private final Storage storage;
    private final StorageSettings storageSettings;
    private final TrainedGenerator generator;
    private final EtlSettings photos;
    private final long seed;

    /** Loads the run {@code model} and translates {@code input} into {@code out}. */
    public static Outcome run(ApplySettings a, String model, String input, String out, InputKind kind, long seed)
            throws IOException {
        StorageSettings storageSettings = a.spark().storage();
        Storage storage = new Storage(storageSettings);
        StorageCheck.reachable(storage, List.of(model, input, out));
        TrainedGenerator g = TrainedGenerator.load(new RunStore(storage, ModelFolder.resolve(storage, model)),
                GanInput.CONDITION_IMAGE, null);
        return new Translator(storage, storageSettings, g, a, seed).run(input, out, kind);
    }

    Translator(Storage storage, StorageSettings storageSettings, TrainedGenerator generator, ApplySettings a,
               long seed) {
        this.storage = storage;
        this.storageSettings = storageSettings;
        this.generator = generator;
        this.photos = a.photoSettings(generator.info());
        this.seed = seed;
    }

    /** Translates {@code input} (an image, or every file of a directory) into {@code out}. */
    Outcome run(String input, String out, InputKind kind) throws IOException {
        List<Path> files = files(input);
        List<String> skipped = new ArrayList<>();
        int done = 0;
        for (Path p : files) {
            String why = translate(p, Storage.path(out), kind);
            if (why == null) {
                done++;
            } else {
                skipped.add(p + ": " + why);
                LOG.warn("skipped {}: {}", p, why);
            }
        }
        return new Outcome(done, files.size(), skipped);
    }

    /** Writes NAME.png (and NAME-condition.png for a photo); returns why it could not, or null. */
    private String translate(Path p, Path out, InputKind kind) throws IOException {
        byte[] bytes = storage.read(p);
        String name = p.getName().replaceAll("\\.[^.]*$", "");
        Mat img;
        try {
            img = Png.decodeImage(bytes);
        } catch (IllegalArgumentException e) {
            return "not an image OpenCV can read (" + bytes.length + " bytes)";
        }
        try (img) {
            boolean photo = kind == InputKind.PHOTO || (kind == InputKind.AUTO && !looksLikeCondition(img));
            Mat condition;
            if (photo) {
                PhotoConditions.Result r = PhotoConditions.of(bytes, photos, storageSettings);
                if (!r.ok()) {
                    return "no usable face (" + r.dropped().key + "; faces smaller than translate.min-face-px = "
                            + photos.minFacePx() + " px are not searched)";
                }
                r.aligned().close();
                condition = r.condition();
            } else {
                condition = new Mat(img);
            }
            try (Mat cond = condition) {
                INDArray in = FaceTensors.images(List.of(cond), generator.info().size);
                Nd4j.getRandom().setSeed(seed);
                INDArray face = generator.generate(in);
                storage.writeAtomically(new Path(out, name + ".png"), SampleGrid.single(face, 0));
                if (photo) {
                    storage.writeAtomically(new Path(out, name + "-condition.png"), SampleGrid.single(in, 0));
                }
                return null;
            }
        }
    }

    /** A condition image is grey (one channel, or three equal ones) and mostly black: lines or edges on black. */
    static boolean looksLikeCondition(Mat img) {
        try (Mat gray = new Mat(); Mat bright = new Mat()) {
            if (img.channels() == 3) {
                cvtColor(img, gray, COLOR_BGR2GRAY);
            } else {
                img.copyTo(gray);
            }
            threshold(gray, bright, 40, 255, THRESH_BINARY);
            double brightFraction = countNonZero(bright) / (double) gray.total();
            return brightFraction < 0.3 && (img.channels() == 1 || equalChannels(img));
        }
    }

    private static boolean equalChannels(Mat bgr) {
        try (MatVector ch = new MatVector(); Mat d1 = new Mat(); Mat d2 = new Mat()) {
            split(bgr, ch);
            absdiff(ch.get(0), ch.get(1), d1);
            absdiff(ch.get(1), ch.get(2), d2);
            return countNonZero(d1) + countNonZero(d2) < 0.01 * bgr.total();
        }
    }

    /** The input image, or every file directly in the input directory (hidden ones aside), sorted. */
    private List<Path> files(String uri) throws IOException {
        Path p = Storage.path(uri);
        FileSystem fs = storage.fs(p);
        if (!fs.exists(p)) {
            throw new ConfigError("--input " + uri + ": no such file or directory");
        }
        List<Path> out = new ArrayList<>();
        if (fs.getFileStatus(p).isFile()) {
            out.add(p);
        } else {
            for (FileStatus st : fs.listStatus(p)) {
                String n = st.getPath().getName();
                if (st.isFile() && !n.startsWith(".") && !n.startsWith("_")) {
                    out.add(st.getPath());
                }
            }
            out.sort(null);
        }
        if (out.isEmpty()) {
            throw new ConfigError("--input " + uri + ": an empty directory");
        }
        return out;
    }
}
