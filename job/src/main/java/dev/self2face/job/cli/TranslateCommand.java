package dev.self2face.job.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.self2face.config.ConfigError;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.PhotoConditions;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.face.Png;
import dev.self2face.etl.storage.Storage;
import dev.self2face.etl.storage.StorageSettings;
import dev.self2face.job.eval.SampleGrid;
import dev.self2face.job.model.ModelKind;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.run.TrainedGenerator;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/** {@code self2face translate}: a published pix2pix run applied to condition images or to photos of a face. */
@Command(name = "translate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Run a trained pix2pix generator on condition images, or on photos of a face (aligned and "
                + "turned into a condition image by the ETL's own code and the dataset's settings). Writes "
                + "NAME.png (the generated face) and, for photos, NAME-condition.png into --out.")
public class TranslateCommand implements Callable<Integer> {
    enum InputKind { AUTO, CONDITION, PHOTO }

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A published pix2pix run.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "IMAGE|DIR",
            description = "An image or a directory of images (png, jpg, bmp); local path or URI.")
    String input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (path or URI).")
    String out;

    @Option(names = "--as", defaultValue = "auto", paramLabel = "auto|condition|photo",
            description = "How to read the inputs; auto: grey images that are mostly black are conditions.")
    String as;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of G's dropout.")
    long seed;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        InputKind kind;
        try {
            kind = InputKind.valueOf(as.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("--as " + as + ": must be auto, condition or photo");
        }
        Config c = config.load(List.of());
        StorageSettings storageSettings = StorageSettings.from(c);
        Storage storage = new Storage(storageSettings);
        List<Path> images = images(storage, input);
        TrainedGenerator g = TrainedGenerator.load(new RunStore(storage, model), ModelKind.PIX2PIX, null);
        EtlSettings etl = datasetEtl(g, c);
        int done = 0;
        for (Path p : images) {
            byte[] bytes = storage.read(p);
            String name = p.getName().replaceAll("\\.[^.]*$", "");
            try (Mat img = Png.decode(bytes)) {
                Mat condition;
                boolean photo = kind == InputKind.PHOTO || (kind == InputKind.AUTO && !looksLikeCondition(img));
                if (photo) {
                    PhotoConditions.Result r = PhotoConditions.of(bytes, etl, storageSettings);
                    if (!r.ok()) {
                        System.err.println("skipped " + p + ": " + r.dropped().key + " (faces smaller than "
                                + "etl.min-face-px = " + etl.minFacePx() + " px or etl.min-face-fraction = "
                                + etl.minFaceFraction() + " of the image are not searched)");
                        continue;
                    }
                    r.aligned().close();
                    condition = r.condition();
                } else {
                    condition = new Mat(img);
                }
                try (Mat cond = condition) {
                    INDArray in = FacePairs.imagesToArray(List.of(cond), g.info().size);
                    Nd4j.getRandom().setSeed(seed);
                    INDArray face = g.generate(in);
                    storage.writeAtomically(new Path(Storage.path(out), name + ".png"), SampleGrid.single(face, 0));
                    if (photo) {
                        storage.writeAtomically(new Path(Storage.path(out), name + "-condition.png"),
                                SampleGrid.single(in, 0));
                    }
                    done++;
                }
            }
        }
        System.out.println("translated " + done + " of " + images.size() + " images into " + out);
        return done > 0 ? 0 : 1;
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
        org.bytedeco.opencv.opencv_core.MatVector ch = new org.bytedeco.opencv.opencv_core.MatVector();
        org.bytedeco.opencv.global.opencv_core.split(bgr, ch);
        try (Mat d1 = new Mat(); Mat d2 = new Mat()) {
            org.bytedeco.opencv.global.opencv_core.absdiff(ch.get(0), ch.get(1), d1);
            org.bytedeco.opencv.global.opencv_core.absdiff(ch.get(1), ch.get(2), d2);
            return countNonZero(d1) + countNonZero(d2) < 0.01 * bgr.total();
        }
    }

    /** The ETL settings the run's dataset was made with; only the landmark model's location is this machine's. */
    static EtlSettings datasetEtl(TrainedGenerator g, Config c) {
        Map<String, Object> recorded = new HashMap<>(g.info().datasetConfig);
        recorded.remove("landmarks-model");
        recorded.remove("progress-seconds");
        return EtlSettings.from(ConfigFactory.parseMap(Map.of("etl", recorded)).withFallback(c).resolve());
    }

    private static List<Path> images(Storage storage, String uri) throws java.io.IOException {
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
                if (st.isFile() && st.getPath().getName().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|bmp)")) {
                    out.add(st.getPath());
                }
            }
            out.sort(null);
        }
        if (out.isEmpty()) {
            throw new ConfigError("--input " + uri + ": no images (png, jpg, bmp) there");
        }
        return out;
    }
}
