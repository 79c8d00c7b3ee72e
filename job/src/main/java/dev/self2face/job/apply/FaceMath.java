package dev.self2face.job.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.job.data.Batch;
import dev.self2face.job.data.SampleGrid;
import dev.self2face.job.model.DcGan;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.LatentProjection;
import dev.self2face.job.run.ModelFolder;
import dev.self2face.job.run.PublishedModel;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.job.train.TrainingData;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code face-math} on a DCGAN run: real faces — val faces of the run's own dataset, held out of its training —
 * projected into z ({@link LatentProjection}), walked between in z (linear and spherical interpolation), and
 * completed where a mask hides them. Every result is a grid in {@code out} with its numbers next to it.
 */
public final class FaceMath {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The operations' settings. */
    public record Settings(int faces, int iterations, double lambda, double lr, int steps, long seed) {
        /** Checked: a mistake is a {@link ConfigError} naming the option. */
        public static Settings of(int faces, int iterations, double lambda, double lr, int steps, long seed,
                                  Set<String> ops) {
            for (String op : ops) {
                if (!Set.of("project", "interpolate", "complete").contains(op)) {
                    throw new ConfigError("--op " + op + ": must be project, interpolate or complete");
                }
            }
            if (faces < (ops.contains("interpolate") ? 2 : 1) || faces > 256) {
                throw new ConfigError("--faces " + faces + ": must be in [2, 256]");
            }
            if (iterations < 1 || steps < 2 || lambda < 0 || !(lr > 0)) {
                throw new ConfigError("--iterations, --steps (>= 2), --lambda (>= 0) and --lr (> 0): got "
                        + iterations + ", " + steps + ", " + lambda + ", " + lr);
            }
            return new Settings(faces, iterations, lambda, lr, steps, seed);
        }
    }

    private final Storage storage;
    private final GanModel model;
    private final Settings st;
    private final String out;
    private final List<String> written = new ArrayList<>();

    private FaceMath(Storage storage, GanModel model, Settings st, String out) {
        this.storage = storage;
        this.model = model;
        this.st = st;
        this.out = out;
    }

    /** Runs {@code ops} (project, interpolate, complete) and returns the files written. */
    public static List<String> run(Config c, String modelUri, String out, Set<String> ops, Settings st)
            throws IOException {
        Storage storage = new Storage(StorageSettings.from(c));
        StorageCheck.reachable(storage, List.of(modelUri, out));
        RunStore run = new RunStore(storage, ModelFolder.resolve(storage, modelUri));
        RunInfo info = run.load();
        if (!info.model.equals(DcGan.TYPE.id())) {
            throw new ConfigError("--model " + modelUri + ": a " + info.model + " run; face math needs a dcgan run");
        }
        GanModel model = PublishedModel.load(run);
        INDArray faces;
        try (SparkSession spark = JobSpark.start(c, "face-math")) {
            faces = valFaces(spark, info, st.faces());
        }
        FaceMath fm = new FaceMath(storage, model, st, out);
        if (ops.contains("project") || ops.contains("interpolate")) {
            LatentProjection.Result p = fm.project(faces);
            if (ops.contains("interpolate")) {
                fm.interpolate(p.z());
            }
        }
        if (ops.contains("complete")) {
            fm.complete(faces);
        }
        return fm.written;
    }

    /** Up to {@code n} val faces of the run's dataset, evenly spaced. */
    static INDArray valFaces(SparkSession spark, RunInfo info, int n) {
        TrainingData data = TrainingData.read(spark, info.data, info.size, 1, info.seed);
        List<Batch> val = data.valBatches(n);
        return Nd4j.concat(0, val.stream().map(Batch::image).toArray(INDArray[]::new));
    }

    /** project.png (originals over reconstructions), z.csv, project.json. */
    LatentProjection.Result project(INDArray faces) throws IOException {
        LatentProjection.Result p = LatentProjection.project(model, faces, null, st.iterations(), st.lambda(),
                st.lr(), st.seed());
        int n = (int) faces.size(0);
        write("project.png", SampleGrid.grid(Nd4j.concat(0, faces, p.faces()), n));
        StringBuilder csv = new StringBuilder("face,error_start,error_end");
        for (int k = 0; k < p.z().size(1); k++) {
            csv.append(",z").append(k);
        }
        csv.append('\n');
        for (int i = 0; i < n; i++) {
            csv.append(i).append(',').append(fmt(p.startError()[i])).append(',').append(fmt(p.endError()[i]));
            for (int k = 0; k < p.z().size(1); k++) {
                csv.append(',').append(fmt(p.z().getDouble(i, k)));
            }
            csv.append('\n');
        }
        write("z.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, Object> j = settings();
        j.put("faces", n);
        j.put("error_start", mean(p.startError()));
        j.put("error_end", mean(p.endError()));
        write("project.json", JSON.writeValueAsBytes(j));
        return p;
    }

    /** interpolate.png: from face 0's z to face 1's in {@code steps}, linear (top row) and spherical (bottom). */
    void interpolate(INDArray z) throws IOException {
        INDArray a = z.getRow(0);
        INDArray b = z.getRow(1);
        int k = st.steps();
        INDArray lin = Nd4j.create(z.dataType(), k, z.size(1));
        INDArray sph = Nd4j.create(z.dataType(), k, z.size(1));
        for (int i = 0; i < k; i++) {
            double t = k == 1 ? 0 : i / (double) (k - 1);
            lin.putRow(i, Interpolation.linear(a, b, t));
            sph.putRow(i, Interpolation.spherical(a, b, t));
        }
        write("interpolate.png", SampleGrid.grid(Nd4j.concat(0, LatentProjection.generate(model, lin),
                LatentProjection.generate(model, sph)), k));
    }

    /** complete.png: rows masked | completed | original, the lower half hidden; complete.json. */
    void complete(INDArray faces) throws IOException {
        long n = Math.min(8, faces.size(0));
        INDArray x = faces.get(NDArrayIndex.interval(0, n)).dup();
        long s = x.size(2);
        INDArray known = Nd4j.ones(x.dataType(), n, 1, s, s);
        known.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(s / 2, s), NDArrayIndex.all())
                .assign(0);
        LatentProjection.Result p = LatentProjection.project(model, x, known, st.iterations(), st.lambda(),
                st.lr(), st.seed());
        INDArray k3 = known.repeat(1, 3);
        INDArray hidden = x.mul(k3).add(k3.rsub(1).mul(-1));
        INDArray completed = Completion.blend(x, p.faces(), known);
        write("complete.png", SampleGrid.grid(Nd4j.concat(0, hidden, completed, x), (int) n));
        Map<String, Object> j = settings();
        j.put("faces", n);
        j.put("mask", "lower half");
        j.put("error_known_start", mean(p.startError()));
        j.put("error_known_end", mean(p.endError()));
        write("complete.json", JSON.writeValueAsBytes(j));
    }

    private Map<String, Object> settings() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("iterations", st.iterations());
        j.put("lambda", st.lambda());
        j.put("lr", st.lr());
        j.put("seed", st.seed());
        j.put("z_clip", LatentProjection.CLIP);
        return j;
    }

    private void write(String name, byte[] bytes) throws IOException {
        storage.writeAtomically(new Path(Storage.path(out), name), bytes);
        written.add(out + "/" + name);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
