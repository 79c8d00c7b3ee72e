package dev.self2face.job.bench;

import dev.self2face.etl.Dedupe;
import dev.self2face.etl.EtlSettings;
import dev.self2face.etl.dataset.ContactSheets;
import dev.self2face.etl.dataset.DatasetStatus;
import dev.self2face.etl.dataset.FaceAttributes;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.identity.EarlierFaces;
import dev.self2face.etl.identity.IdentityFilter;
import dev.self2face.etl.identity.Repeats;
import dev.self2face.job.data.Batch;
import dev.self2face.job.train.TrainingData;
import dev.self2face.storage.Storage;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import dev.self2face.job.etl.EtlRun;
import dev.self2face.job.spark.JobSpark;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code bench scale}: each stage that grows with the dataset, timed on datasets of n pairs made from a real one
 * ({@link ScaleDataset}), with the growth exponent fitted over the sizes (time ∝ n^e; 1 is linear), the driver heap
 * that training's copy of the pairs holds, and a log-log plot.
 */
public final class ScaleBenchmark {
    /** The measured stages, in the order they run, and what each one is. */
    static final Map<String, String> STAGES = stages();

    private final SparkSession spark;
    private final Storage storage;
    private final EtlSettings etl;
    private final int size;
    private final int batch;
    private final Map<String, double[]> seconds = new LinkedHashMap<>();
    private final Map<String, double[]> amounts = new LinkedHashMap<>();

    private ScaleBenchmark(SparkSession spark, Storage storage, EtlSettings etl, int size, int batch, int runs) {
        this.spark = spark;
        this.storage = storage;
        this.etl = etl;
        this.size = size;
        this.batch = batch;
        STAGES.keySet().forEach(s -> seconds.put(s, new double[runs]));
        for (String a : List.of("dataset on storage (MB)", "training's local copy (MB)",
                "driver heap held by training's pairs (MB)", "peak RSS so far (MB)")) {
            amounts.put(a, new double[runs]);
        }
    }

    private static Map<String, String> stages() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("write pairs (synthetic; not a product stage)", "");
        s.put("attribute summary (ETL commit)", "");
        s.put("contact sheet (ETL commit)", "");
        s.put("inspect", "");
        s.put("read pairs for training", "");
        s.put("an epoch's input (decode every train pair)", "");
        s.put("evaluation inputs (val, mean face, train sample)", "");
        s.put("sweep start-up (the pairs published for the trials)", "");
        s.put("near-duplicates (per video)", "");
        s.put("identity clustering", "");
        s.put("repeats (second half against first)", "");
        return s;
    }

    /** {@link #run(SparkSession, Storage, EtlSettings, String, File, List, int, int, PrintStream)} in a session of
     * its own. */
    public static void run(EtlRun.Settings settings, String from, File out, List<Integer> sizes, int size, int batch,
                           PrintStream console) throws IOException {
        if (!out.isDirectory() && !out.mkdirs()) {
            throw new IOException("--out " + out + ": cannot create it");
        }
        try (SparkSession spark = JobSpark.start(settings.spark(), "bench scale")) {
            run(spark, new Storage(settings.spark().storage()), settings.etl(), from, out, sizes, size, batch,
                    console);
        }
    }

    /**
     * Runs every stage at each of {@code sizes} (ascending) into {@code out}/n&lt;N&gt;, prints the Markdown table and
     * writes it with the plot ({@code scale.md}, {@code scale.png}) into {@code out}.
     */
    public static void run(SparkSession spark, Storage storage, EtlSettings etl, String from, File out,
                           List<Integer> sizes, int size, int batch, PrintStream console) throws IOException {
        ScaleBenchmark b = new ScaleBenchmark(spark, storage, etl, size, batch, sizes.size());
        for (int i = 0; i < sizes.size(); i++) {
            console.printf("bench scale: n = %d …%n", sizes.get(i));
            b.measure(from, new File(out, "n" + sizes.get(i)), sizes.get(i), i);
        }
        String table = b.table(sizes) + "\n" + Machine.describe() + "\n";
        console.print(table);
        Files.writeString(new File(out, "scale.md").toPath(), table);
        Files.write(new File(out, "scale.png").toPath(), ScalePlot.png(sizes, b.seconds));
        console.println("plot: " + new File(out, "scale.png"));
    }

    private void measure(String from, File dir, int n, int run) throws IOException {
        FileUtil.fullyDelete(dir);
        String uri = dir.getAbsolutePath();
        Clock clock = new Clock(run);
        ScaleDataset.Written w = clock.time("write pairs (synthetic; not a product stage)",
                () -> ScaleDataset.write(spark, storage, from, uri, n, 42));
        Manifest m = w.manifest();
        Path root = w.publisher().root();
        m.attributes = clock.time("attribute summary (ETL commit)", () -> FaceAttributes.summary(spark, root, m));
        w.publisher().writeManifest(m);
        byte[] sheet = clock.time("contact sheet (ETL commit)",
                () -> ContactSheets.of(spark, root, m, etl.contactSheetPairs()));
        w.publisher().writeContactSheet(sheet);
        w.publisher().finish(w.runId(), m);
        DatasetStatus status = clock.time("inspect", () -> {
            DatasetStatus s = DatasetStatus.of(storage, uri);
            DatasetStatus.summary(s.manifest(), uri);
            return s;
        });
        amounts.get("dataset on storage (MB)")[run] = status.sizeBytes() / 1e6;
        long heapBefore = heapAfterGc();
        try (TrainingData data = clock.time("read pairs for training",
                () -> TrainingData.read(spark, uri, size, batch, 42))) {
            amounts.get("driver heap held by training's pairs (MB)")[run] = (heapAfterGc() - heapBefore) / 1e6;
            amounts.get("training's local copy (MB)")[run] = data.localBytes() / 1e6;
            clock.time("an epoch's input (decode every train pair)", () -> {
                for (long step = 0; step < data.trainPairs() / batch; step++) {
                    Batch b = data.batch(step);
                    b.image().close();
                    b.condition().close();
                }
                return null;
            });
            clock.time("evaluation inputs (val, mean face, train sample)", () -> {
                data.valBatches(256);
                data.meanTrainFace(2000).close();
                data.trainSample(1000).at(32);
                return null;
            });
        }
        File shared = new File(dir, "_sweep-pairs");
        clock.time("sweep start-up (the pairs published for the trials)",
                () -> TrainingData.share(spark, uri, null, storage, shared.getAbsolutePath()));
        FileUtil.fullyDelete(shared);
        List<IdentityFilter.Face> faces = EarlierFaces.of(spark, uri, true, Set.of());
        clock.time("near-duplicates (per video)", () -> {
            Map<String, List<Dedupe.Item>> byVideo = new TreeMap<>();
            faces.forEach(f -> byVideo.computeIfAbsent(f.sourceId(), k -> new ArrayList<>())
                    .add(new Dedupe.Item(f.id(), f.tSec(), f.phash())));
            byVideo.values().forEach(items -> Dedupe.keep(items, etl.dedupeDistance()));
            return null;
        });
        EtlSettings.IdentitySettings id = etl.identity();
        clock.time("identity clustering",
                () -> IdentityFilter.dominant(faces, id.cut(), id.minClusterFraction(), id.sample()));
        clock.time("repeats (second half against first)", () -> Repeats.of(faces.subList(0, faces.size() / 2),
                new ArrayList<>(faces.subList(faces.size() / 2, faces.size())), Repeats.DEFAULT));
        amounts.get("peak RSS so far (MB)")[run] = PeakMemory.residentMb();
    }

    /** Times stages of one run into {@link #seconds}. */
    private final class Clock {
        private final int run;

        Clock(int run) {
            this.run = run;
        }

        <T> T time(String stage, ThrowingSupplier<T> work) throws IOException {
            long t = System.nanoTime();
            T out = work.get();
            seconds.get(stage)[run] = (System.nanoTime() - t) / 1e9;
            return out;
        }
    }

    private interface ThrowingSupplier<T> {
        T get() throws IOException;
    }

    private String table(List<Integer> sizes) {
        StringBuilder sb = new StringBuilder("| stage |");
        sizes.forEach(n -> sb.append(" n = ").append(n).append(" |"));
        sb.append(" growth exponent |\n|---|");
        sizes.forEach(n -> sb.append("---:|"));
        sb.append("---:|\n");
        seconds.forEach((stage, s) -> {
            sb.append("| ").append(stage).append(" (s) |");
            for (double v : s) {
                sb.append(String.format(" %.2f |", v));
            }
            sb.append(String.format(" %.2f |%n", exponent(sizes, s)));
        });
        amounts.forEach((what, a) -> {
            sb.append("| ").append(what).append(" |");
            for (double v : a) {
                sb.append(String.format(" %.1f |", v));
            }
            sb.append(" |\n");
        });
        return sb.toString();
    }

    /** The least-squares slope of log(seconds) over log(n): time ∝ n^slope. NaN with fewer than two sizes. */
    static double exponent(List<Integer> sizes, double[] s) {
        int k = sizes.size();
        if (k < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < k; i++) {
            mx += Math.log(sizes.get(i)) / k;
            my += Math.log(Math.max(s[i], 1e-4)) / k;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < k; i++) {
            double dx = Math.log(sizes.get(i)) - mx;
            num += dx * (Math.log(Math.max(s[i], 1e-4)) - my);
            den += dx * dx;
        }
        return num / den;
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
