package dev.self2face.job.apply;

import dev.self2face.json.Json;
import dev.self2face.config.ConfigError;
import dev.self2face.job.data.SampleGrid;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.ModelRegistry;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.LatentProjection;
import dev.self2face.job.run.ModelFolder;
import dev.self2face.job.run.PublishedModel;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code face-math} on a DCGAN run: real faces — val faces of the run's own dataset, held out of its training, or
 * image files — projected into z ({@link LatentProjection}), walked between in z (linear and spherical), combined
 * by arithmetic on the means of groups picked by a landmark measure ({@link LatentArithmetic}), and completed where
 * a mask hides them. Every result is a grid in {@code out} with its numbers next to it.
 */
public final class FaceMath {
    /** At most this many base faces C (rows of the arithmetic grid). */
    private static final int BASES = 4;

    private final Storage storage;
    private final GanModel model;
    private final FaceMathSettings st;
    private final String out;
    private final List<String> written = new ArrayList<>();

    private FaceMath(Storage storage, GanModel model, FaceMathSettings st, String out) {
        this.storage = storage;
        this.model = model;
        this.st = st;
        this.out = out;
    }

    /** Runs the settings' operations on the run or model folder {@code modelUri}; returns the files written. */
    public static List<String> run(ApplySettings a, String modelUri, String out, FaceMathSettings st)
            throws IOException {
        Storage storage = new Storage(a.spark().storage());
        List<String> reach = new ArrayList<>(List.of(modelUri, out));
        reach.addAll(st.images());
        StorageCheck.reachable(storage, reach);
        RunStore run = new RunStore(storage, ModelFolder.resolve(storage, modelUri));
        RunInfo info = run.load();
        // a generator of noise alone (z is all there is to project into and compute with)
        List<String> noiseOnly = ModelRegistry.takingOnly(GanInput.NOISE);
        if (!noiseOnly.contains(info.model)) {
            throw new ConfigError("--model " + modelUri + ": a " + info.model + " run; face math needs a model "
                    + "whose generator takes noise alone (" + String.join(", ", noiseOnly) + ")");
        }
        INDArray savedZ = st.zFile() == null ? null
                : ZVectors.read(storage.read(Storage.path(st.zFile())), st.zFile(), info.zDim);
        FaceMathInputs.Faces photos = st.images().isEmpty() ? null
                : FaceMathInputs.photos(st.images(), info, a, storage);
        FaceMath fm = new FaceMath(storage, PublishedModel.load(run), st, out);
        boolean needFaces = st.has("project") || st.has("complete") || (st.has("interpolate") && savedZ == null);
        if (st.has("arithmetic") || (photos == null && needFaces)) {
            try (SparkSession spark = JobSpark.start(a.spark(), "face-math")) {
                fm.run(photos != null || !needFaces ? photos : FaceMathInputs.valFaces(spark, info, st.faces()),
                        savedZ, spark, info);
            }
        } else {
            fm.run(photos, savedZ, null, info);
        }
        return fm.written;
    }

    private void run(FaceMathInputs.Faces faces, INDArray savedZ, SparkSession spark, RunInfo info)
            throws IOException {
        INDArray z = savedZ;
        if (st.has("project") || (st.has("interpolate") && z == null)) {
            z = project(faces).z();
        }
        if (st.has("interpolate")) {
            if (z.size(0) < 2) {
                throw new ConfigError("interpolate needs two faces; there is " + z.size(0));
            }
            interpolate(z.getRow(0), z.getRow(1));
        }
        if (st.has("arithmetic")) {
            arithmetic(spark, info);
        }
        if (st.has("complete")) {
            complete(faces.images());
        }
    }

    /** project.png (originals over reconstructions, each column's error under it), z.csv, project.json. */
    LatentProjection.Result project(FaceMathInputs.Faces faces) throws IOException {
        LatentProjection.Result p = LatentProjection.project(model, faces.images(), null, st.iterations(),
                st.lambda(), st.lr(), st.seed());
        int n = (int) faces.images().size(0);
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            errors[i] = String.format(Locale.ROOT, "%.3f", p.endError()[i]);
        }
        write("project.png", SampleGrid.captioned(Nd4j.concat(0, faces.images(), p.faces()), n, errors));
        write("z.csv", ZVectors.write(p.z(), faces.labels(), p.startError(), p.endError()));
        Map<String, Object> j = settings();
        j.put("faces", n);
        j.put("error_start", mean(p.startError()));
        j.put("error_end", mean(p.endError()));
        write("project.json", Json.PRETTY.writeValueAsBytes(j));
        return p;
    }

    /** interpolate.png: from a to b in {@code steps}, linear (top row) and spherical (bottom). */
    void interpolate(INDArray a, INDArray b) throws IOException {
        int k = st.steps();
        INDArray lin = Nd4j.create(a.dataType(), k, a.length());
        INDArray sph = Nd4j.create(a.dataType(), k, a.length());
        for (int i = 0; i < k; i++) {
            double t = i / (double) (k - 1);
            lin.putRow(i, Interpolation.linear(a, b, t));
            sph.putRow(i, Interpolation.spherical(a, b, t));
        }
        write("interpolate.png", SampleGrid.grid(Nd4j.concat(0, LatentProjection.generate(model, lin),
                LatentProjection.generate(model, sph)), k));
    }

    /**
     * arithmetic.png — one row per base face C: G(mean A) | G(mean B) | G(C) | G(mean A − mean B + C), A the faces
     * highest on the measure, B the lowest, C low ones outside B —, arithmetic-neighbourhood.png (3x3 around the
     * first result) and arithmetic.json.
     */
    void arithmetic(SparkSession spark, RunInfo info) throws IOException {
        FaceMathInputs.Measured m = FaceMathInputs.measured(spark, info, st.measure());
        LatentArithmetic.Groups g = LatentArithmetic.groups(m.values(), st.group(), Math.min(BASES, st.group()));
        List<Integer> all = new ArrayList<>(g.high());
        all.addAll(g.low());
        all.addAll(g.bases());
        INDArray faces = FaceMathInputs.faces(spark, info, all.stream().map(m.ids()::get).toList());
        LatentProjection.Result p = LatentProjection.project(model, faces, null, st.iterations(), st.lambda(),
                st.lr(), st.seed());
        int a = g.high().size();
        int b = g.low().size();
        INDArray za = p.z().get(NDArrayIndex.interval(0, a));
        INDArray zb = p.z().get(NDArrayIndex.interval(a, a + b));
        INDArray zc = p.z().get(NDArrayIndex.interval(a + b, all.size()));
        INDArray result = LatentArithmetic.apply(za, zb, zc);
        int c = (int) zc.size(0);
        INDArray rows = Nd4j.create(za.dataType(), 4L * c, za.size(1));
        for (int i = 0; i < c; i++) {
            rows.putRow(4L * i, za.mean(0));
            rows.putRow(4L * i + 1, zb.mean(0));
            rows.putRow(4L * i + 2, zc.getRow(i));
            rows.putRow(4L * i + 3, result.getRow(i));
        }
        write("arithmetic.png", SampleGrid.grid(LatentProjection.generate(model, rows), 4));
        write("arithmetic-neighbourhood.png", SampleGrid.grid(LatentProjection.generate(model,
                LatentArithmetic.neighbourhood(result.getRow(0), LatentArithmetic.NEIGHBOURHOOD, st.seed())), 3));
        Map<String, Object> j = settings();
        j.put("measure", st.measure());
        j.put("A", group(g.high(), m));
        j.put("B", group(g.low(), m));
        j.put("C", group(g.bases(), m));
        j.put("error_start", mean(p.startError()));
        j.put("error_end", mean(p.endError()));
        j.put("neighbourhood_noise", LatentArithmetic.NEIGHBOURHOOD);
        write("arithmetic.json", Json.PRETTY.writeValueAsBytes(j));
    }

    private static Map<String, Object> group(List<Integer> idx, FaceMathInputs.Measured m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("faces", idx.size());
        j.put("measure_mean", idx.stream().mapToDouble(i -> m.values()[i]).average().orElse(Double.NaN));
        j.put("ids", idx.stream().map(m.ids()::get).toList());
        return j;
    }

    /** complete.png: rows masked | completed | original; complete.json. */
    void complete(INDArray faces) throws IOException {
        long n = Math.min(8, faces.size(0));
        INDArray x = faces.get(NDArrayIndex.interval(0, n)).dup();
        INDArray known = st.mask().known(n, (int) x.size(2));
        LatentProjection.Result p = LatentProjection.project(model, x, known, st.iterations(), st.lambda(),
                st.lr(), st.seed());
        INDArray k3 = known.repeat(1, 3);
        INDArray hidden = x.mul(k3).add(k3.rsub(1).mul(-1));
        INDArray completed = Completion.blend(x, p.faces(), known);
        write("complete.png", SampleGrid.grid(Nd4j.concat(0, hidden, completed, x), (int) n));
        Map<String, Object> j = settings();
        j.put("faces", n);
        j.put("mask", st.mask().describe());
        j.put("error_known_start", mean(p.startError()));
        j.put("error_known_end", mean(p.endError()));
        write("complete.json", Json.PRETTY.writeValueAsBytes(j));
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
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}
