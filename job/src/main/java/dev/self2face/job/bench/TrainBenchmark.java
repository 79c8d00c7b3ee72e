package dev.self2face.job.bench;

import com.typesafe.config.Config;
import dev.self2face.job.data.Batch;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.GanGraphs;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.eval.FaceJudge;
import dev.self2face.job.eval.Metric;
import dev.self2face.job.eval.MetricRegistry;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import dev.self2face.job.backend.Backend;
import dev.self2face.job.train.TrainSettings;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Speed of one training step of a model (on synthetic batches, so that only the step is measured), its FLOPs per
 * image, the GFLOP/s it achieves, and ND4J's own GEMM GFLOP/s measured in the same JVM as the reference; plus the
 * time of each part of the step (G's forward pass for the fakes, D's update, G's update through D).
 */
public final class TrainBenchmark {
    public record Result(String model, int size, int batch, int ngf, int ndf, double imagesPerSecond,
                         double stepSeconds, long gForwardFlops, long dForwardFlops, double stepFlopsPerImage,
                         double achievedGflops, double gemmGflops, double fakesSeconds, double dUpdateSeconds,
                         double gUpdateSeconds, Map<String, Long> parameters) {
        public double fractionOfGemm() {
            return achievedGflops / gemmGflops;
        }
    }

    private TrainBenchmark() {
    }

    /**
     * {@code bench train}: each size of the model {@code c} configures, a table after each; then what one
     * evaluation of the configured metrics costs next to the steps between two evaluations.
     */
    /**
     * What {@code bench train} reads from the config: the model (run at each size asked for), the evaluation's
     * {@code training.*} keys and metrics, and storage (the face judge's weights).
     */
    public record Settings(ModelSettings model, TrainSettings training, List<Metric> metrics,
                           StorageSettings storage) {
        public static Settings from(Config c) {
            ModelSettings m = ModelSettings.from(c);
            return new Settings(m, TrainSettings.from(c), MetricRegistry.from(c, m.type()),
                    StorageSettings.from(c));
        }
    }

    /**
     * {@code warmupSeconds}: each model runs untimed steps for at least this long (and at least 2) before its timed
     * steps, and the PyTorch reference then runs as many untimed steps: a JVM compiles its hot code during a run's
     * first steps, and a training run's thousands of steps run compiled.
     */
    public static void run(Settings settings, List<Integer> sizes, int batch, int steps, double warmupSeconds,
                           boolean torch, boolean metrics, boolean profile, PrintStream out)
            throws IOException, InterruptedException {
        System.err.println("bench: " + Backend.describe());
        String noTorch = torch ? TorchReference.unavailable() : null;
        if (noTorch != null) {
            System.err.println("bench: no PyTorch reference: " + noTorch + "; the rest runs");
        }
        List<Comparison> comparisons = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        List<EvalBenchmark.Result> evaluations = new ArrayList<>();
        for (int size : sizes) {
            ModelSettings s = settings.model().withSize(size, "--sizes");
            System.err.printf("bench: %s at %d, batch %d...%n", s.kind(), size, batch);
            int threads = Nd4j.getEnvironment().maxThreads();
            Measured m = measure(s, batch, warmupSeconds, steps, torch && noTorch == null, threads, profile);
            Result r = m.self2face();
            results.add(r);
            out.println(table(results));
            if (profile) {
                System.err.printf("bench: %s at %d, layer by layer...%n", s.kind(), size);
                out.println(profile(s, batch, steps));
            }
            if (m.torch() != null) {
                comparisons.add(new Comparison(r, m.torch(), threads, PeakMemory.residentMb(), m.blockRatios()));
                out.println(Comparison.table(comparisons));
                if (profile) {
                    out.println(TorchReference.profileTable(s.kind() + " " + size + ", batch " + batch, m.torch()));
                }
            }
            if (!metrics) {
                continue;
            }
            TrainSettings t = settings.training();
            System.err.printf("bench: one evaluation of %s at %d...%n", s.kind(), size);
            evaluations.add(EvalBenchmark.run(s, settings.metrics(), batch, t.evalPairs(),
                    t.evalSamples(), 1000, t.sampleEvery(), r.stepSeconds(), () -> FaceJudge.load(
                            "training.face-api", t.faceApi(), new Storage(settings.storage()))));
            out.println(EvalBenchmark.table(evaluations));
        }
        out.println(Machine.describe());
    }

    /**
     * The median of the timed steps: the statistic both sides report, since single steps on a shared machine vary
     * several-fold (PyTorch's most of all, whose worker threads spin) and a mean follows the few slowest.
     */
    static double median(double[] seconds) {
        return new Median().evaluate(seconds);
    }

    /** ND4J's float GEMM on n x n matrices: best of {@code reps} timed products, in GFLOP/s. */
    public static double gemmGflops(int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        a.mmuli(b, c);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            a.mmuli(b, c);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    /** Blocks the timed steps are split into when they alternate with the PyTorch reference's. */
    static final int BLOCKS = 5;
    /**
     * A pause before each block: OpenMP's worker threads (ND4J's and PyTorch's) keep spinning for a while after their
     * last parallel region, and would otherwise slow the first steps of the other side's block.
     */
    static final long PAUSE_MS = 500;

    /** self2face's step; with the reference, PyTorch's, and the ratio of the two in each block of steps. */
    record Measured(Result self2face, TorchReference.Result torch, double[] blockRatios) {
    }

    /**
     * One model's step: untimed steps for at least {@code warmupSeconds} (and at least 2), then {@code steps} timed
     * ones. With {@code torch}, the PyTorch reference runs as many untimed steps, then both sides time their steps in
     * {@link #BLOCKS} alternating blocks.
     */
    static Measured measure(ModelSettings s, int batch, double warmupSeconds, int steps, boolean torch, int threads,
                            boolean profile) throws IOException, InterruptedException {
        GanModel model = s.create();
        Batch b = syntheticBatch(s, model, batch);
        int warmup = 0;
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (warmup < 2 || System.nanoTime() < warmupEnd) {
            model.step(b, false);
            warmup++;
        }
        System.err.printf("bench: %d warm-up steps (%.0f s or more), then %d timed%n", warmup, warmupSeconds, steps);
        if (!torch) {
            return new Measured(result(model, b, timeSteps(model, b, steps)), null, null);
        }
        System.err.printf("bench: the PyTorch reference, %d threads, %d warm-up steps...%n", threads, warmup);
        try (TorchSteps reference = TorchSteps.start(s, batch, warmup, threads, profile)) {
            int blocks = Math.min(BLOCKS, steps);
            double[] ours = new double[steps];
            double[] ratios = new double[blocks];
            for (int i = 0, done = 0; i < blocks; i++) {
                int n = steps / blocks + (i < steps % blocks ? 1 : 0);
                Thread.sleep(PAUSE_MS);
                double[] mine = timeSteps(model, b, n);
                Thread.sleep(PAUSE_MS);
                double[] theirs = reference.time(n);
                System.arraycopy(mine, 0, ours, done, n);
                done += n;
                double self2face = median(mine);
                double pyTorch = median(theirs);
                ratios[i] = pyTorch / self2face;
                System.err.printf("bench: block %d of %d: self2face %.3f s, PyTorch %.3f s per step (medians)%n",
                        i + 1, blocks, self2face, pyTorch);
            }
            Result r = result(model, b, ours);
            return new Measured(r, reference.finish(r.parameters()), ratios);
        }
    }

    private static double[] timeSteps(GanModel model, Batch b, int steps) {
        double[] seconds = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            model.step(b, false);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        return seconds;
    }

    /** The row of a model whose timed steps took {@code seconds}, with its parts timed on their own. */
    private static Result result(GanModel model, Batch b, double[] seconds) {
        ModelSettings s = model.settings();
        GanGraphs g = model.graphs();
        int batch = (int) b.image().size(0);
        int steps = seconds.length;
        double step = median(seconds);

        // the parts of a step, timed on their own with the same shapes
        INDArray[] gIn = model.sets().generatorInputs(b);
        double fakes = time(steps, () -> g.generate(gIn));
        INDArray fake = g.generate(gIn);
        MultiDataSet dSet = model.sets().discriminator(b, fake, false)[0];
        double dUpdate = time(steps, () -> g.discriminator().fit(dSet));
        MultiDataSet gSet = model.sets().generator(b, gIn);
        double gUpdate = time(steps, () -> g.adversarial().fit(gSet));

        long gF = Flops.forwardPerImage(g.generator(), gIn);
        long dF = Flops.forwardPerImage(g.discriminator(), dSet.getFeatures());
        // per real image: G forward for the fake; D forward+backward (3x) on a real and a fake; G and D forward +
        // backward through the adversarial graph
        double perImage = gF + 2 * 3.0 * dF + 3.0 * (gF + dF);
        double achieved = perImage * batch / step / 1e9;
        return new Result(s.kind(), s.size(), batch, s.ngf(), s.ndf(), batch / step, step, gF, dF, perImage,
                achieved, gemmGflops(2048, 5), fakes, dUpdate, gUpdate,
                TorchReference.parameters(g.generator(), g.discriminator()));
    }

    /** Random faces and conditions in [-1, 1], and random 0/1 attribute labels for a model that takes them. */
    static Batch syntheticBatch(ModelSettings s, GanModel model, int batch) {
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, 3, s.size(), s.size()).muli(2).subi(1);
        INDArray labels = !model.type().inputs().contains(GanInput.LABELS) ? null
                : Nd4j.rand(DataType.FLOAT, batch, s.attributes().size()).gt(0.5).castTo(DataType.FLOAT);
        return new Batch(images.dup(), images, labels);
    }

    /** G's and D's forward and backward time by layer type ({@link LayerProfile}), on the shapes of a step. */
    static String profile(ModelSettings s, int batch, int reps) {
        GanModel model = s.create();
        GanGraphs g = model.graphs();
        Batch b = syntheticBatch(s, model, batch);
        INDArray[] gIn = model.sets().generatorInputs(b);
        MultiDataSet dSet = model.sets().discriminator(b, g.generate(gIn), false)[0];
        return LayerProfile.table(s.kind() + " " + s.size() + ", batch " + batch,
                LayerProfile.profile(g.generator(), gIn, new INDArray[g.generator().getNumOutputArrays()], reps),
                LayerProfile.profile(g.discriminator(), dSet.getFeatures(), dSet.getLabels(), reps));
    }

    private static double time(int reps, Runnable r) {
        r.run();
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            r.run();
        }
        return (System.nanoTime() - t0) / 1e9 / reps;
    }

    public static String table(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("| model | size | batch | ngf/ndf | images/s | s/step | GFLOP/image (G fwd, D fwd, step) | "
                + "achieved GFLOP/s | ND4J GEMM GFLOP/s | of GEMM | fakes / D update / G update (s) |\n");
        b.append("|---|---:|---:|---|---:|---:|---|---:|---:|---:|---|\n");
        for (Result r : results) {
            b.append(String.format("| %s | %d | %d | %d/%d | %.1f | %.2f | %.2f, %.2f, %.2f | %.1f | %.1f | %.0f%% | "
                            + "%.2f / %.2f / %.2f |%n", r.model(), r.size(), r.batch(), r.ngf(), r.ndf(),
                    r.imagesPerSecond(), r.stepSeconds(), r.gForwardFlops() / 1e9, r.dForwardFlops() / 1e9,
                    r.stepFlopsPerImage() / 1e9, r.achievedGflops(), r.gemmGflops(), 100 * r.fractionOfGemm(),
                    r.fakesSeconds(), r.dUpdateSeconds(), r.gUpdateSeconds()));
        }
        return b.toString();
    }
}
