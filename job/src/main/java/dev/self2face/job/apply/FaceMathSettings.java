package dev.self2face.job.apply;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;
import dev.self2face.etl.dataset.FaceMeasures;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code face-math} does and with what, checked before anything is loaded: a mistake is a {@link ConfigError}
 * naming the option.
 *
 * @param ops        of project, interpolate, arithmetic, complete
 * @param images     image files to project instead of the dataset's val faces (empty: the val faces)
 * @param zFile      a z.csv to interpolate between (its first two faces) instead of projecting, or null
 * @param measure    the landmark measure arithmetic groups faces by ({@link FaceMeasures#NAMES})
 * @param group      faces per arithmetic group
 */
public record FaceMathSettings(Set<String> ops, List<String> images, String zFile, int faces, int iterations,
                               double lambda, double lr, int steps, String measure, int group, Mask mask,
                               long seed) {
    public static final List<String> OPS = List.of("project", "interpolate", "arithmetic", "complete");

    /**
     * The {@code face-math.*} keys, with the command's inputs: {@code images} to project instead of the val faces
     * (empty: the val faces) and a {@code zFile} to interpolate in (or null).
     */
    public static FaceMathSettings from(Config c, List<String> images, String zFile) {
        List<String> ops;
        try {
            ops = c.getStringList("face-math.ops");
        } catch (ConfigException e) {
            throw new ConfigError("config key 'face-math.ops' (--op): must be a list of " + String.join(", ", OPS));
        }
        return new FaceMathSettings(new LinkedHashSet<>(ops), images, zFile,
                Keys.intIn(c, "face-math.faces", 1, 256), Keys.intIn(c, "face-math.iterations", 1, 1_000_000),
                Keys.doubleIn(c, "face-math.lambda", 0, 1e6), Keys.doubleIn(c, "face-math.lr", 1e-12, 1e6),
                Keys.intIn(c, "face-math.steps", 2, 1000), Keys.string(c, "face-math.measure"),
                Keys.intIn(c, "face-math.group", 1, 64), Mask.parse(Keys.string(c, "face-math.mask")),
                c.getLong("face-math.seed"));
    }

    /** The completion mask: a box in the model's pixels, or (null box) the lower half. */
    public record Mask(int[] box) {
        /** Parses {@code x,y,w,h} or {@code lower-half}. */
        public static Mask parse(String s) {
            if (s == null || s.equals("lower-half")) {
                return new Mask(null);
            }
            String[] f = s.split(",");
            try {
                if (f.length == 4) {
                    int[] b = new int[4];
                    for (int i = 0; i < 4; i++) {
                        b[i] = Integer.parseInt(f[i].trim());
                    }
                    if (b[0] >= 0 && b[1] >= 0 && b[2] > 0 && b[3] > 0) {
                        return new Mask(b);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigError("config key 'face-math.mask' (--mask) = " + s + ": must be lower-half or x,y,w,h (pixels of the model's faces, "
                    + "w and h > 0)");
        }

        /** 1 where a pixel is known, 0 where hidden: [n, 1, size, size]. */
        INDArray known(long n, int size) {
            INDArray k = Nd4j.ones(DataType.FLOAT, n, 1, size, size);
            int[] b = box != null ? box : new int[] {0, size / 2, size, size - size / 2};
            if (b[0] + b[2] > size || b[1] + b[3] > size) {
                throw new ConfigError("--mask " + describe() + ": outside the model's " + size + "x" + size
                        + " faces");
            }
            k.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(b[1], b[1] + b[3]),
                    NDArrayIndex.interval(b[0], b[0] + b[2])).assign(0);
            return k;
        }

        String describe() {
            return box == null ? "lower-half" : box[0] + "," + box[1] + "," + box[2] + "," + box[3];
        }
    }

    public FaceMathSettings {
        for (String op : ops) {
            if (!OPS.contains(op)) {
                throw new ConfigError("config key 'face-math.ops' (--op): " + op + " must be one of " + String.join(", ", OPS));
            }
        }
        if (!FaceMeasures.NAMES.contains(measure)) {
            throw new ConfigError("config key 'face-math.measure' (--measure) = " + measure + ": must be one of " + String.join(", ", FaceMeasures.NAMES));
        }
        boolean pair = ops.contains("interpolate") && zFile == null;
        if (faces < (pair ? 2 : 1) || faces > 256) {
            throw new ConfigError("config key 'face-math.faces' (--faces) = " + faces + ": must be in [" + (pair ? 2 : 1) + ", 256]");
        }
        if (pair && !images.isEmpty() && images.size() < 2) {
            throw new ConfigError("--images: interpolate needs two images, got " + images.size());
        }
        if (group < 1 || group > 64) {
            throw new ConfigError("config key 'face-math.group' (--group) = " + group + ": must be in [1, 64]");
        }
        if (iterations < 1 || steps < 2 || lambda < 0 || !(lr > 0)) {
            throw new ConfigError("--iterations (>= 1), --steps (>= 2), --lambda (>= 0) and --lr (> 0): got "
                    + iterations + ", " + steps + ", " + lambda + ", " + lr);
        }
        ops = Set.copyOf(ops);
        images = List.copyOf(images);
    }

    boolean has(String op) {
        return ops.contains(op);
    }
}
