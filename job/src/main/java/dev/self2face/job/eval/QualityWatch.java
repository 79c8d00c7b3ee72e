package dev.self2face.job.eval;

import dev.self2face.job.model.Figures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches a run's figures for the failures losses hide, with fixed thresholds (docs/QUALITY.md):
 * <ul>
 *   <li>{@code d-wins}: D(x) ≥ {@value #D_WINS_REAL} and D(G(z)) ≤ {@value #D_WINS_FAKE} on
 *       {@value #D_WINS_LINES} logged steps in a row — D tells every fake apart, G gets no gradient;</li>
 *   <li>{@code d-saturated}: D(x) and D(G(z)) both ≥ {@value #SATURATED_HIGH} or both ≤ {@value #SATURATED_LOW} on
 *       {@value #D_WINS_LINES} logged steps in a row — D says the same of real and fake faces (a learning rate far
 *       too high, weights blown up): neither network learns, whatever the losses read;</li>
 *   <li>{@code mode-collapse}: the samples' pairwise L1 below {@value #COLLAPSE_L1} of real faces', or their
 *       pairwise MS-SSIM more than {@value #COLLAPSE_MS_SSIM} above real faces';</li>
 *   <li>{@code memorisation}: the samples' distance to the nearest train face below {@value #MEMORISED} of val
 *       faces' distance;</li>
 *   <li>{@code g-stalls}: G's faces for the grid's fixed inputs changed by less than {@value #STALL} (mean absolute
 *       pixel difference) since the previous evaluation, from the third evaluation on;</li>
 *   <li>{@code below-retrieval}: in the second half of the run, a val metric worse than looking up the train frame
 *       with the nearest condition;</li>
 *   <li>{@code few-faces}: in the second half of the run, face-api's detector finds a face in fewer than
 *       {@value #FEW_FACES} of the share of the model's images as of real val faces.</li>
 * </ul>
 * Each code is reported once per run, at the first step it is seen (later evaluations repeat it in their lines).
 */
public final class QualityWatch {
    static final double D_WINS_REAL = 0.95;
    static final double D_WINS_FAKE = 0.05;
    static final int D_WINS_LINES = 3;
    static final double SATURATED_HIGH = 0.99;
    static final double SATURATED_LOW = 0.01;
    static final double COLLAPSE_L1 = 0.3;
    static final double COLLAPSE_MS_SSIM = 0.3;
    static final double MEMORISED = 0.5;
    static final double STALL = 0.002;
    static final double FEW_FACES = 0.5;
    /** Every code this watch raises. */
    public static final List<String> CODES = List.of("d-wins", "d-saturated", "mode-collapse", "memorisation",
            "g-stalls", "below-retrieval", "few-faces");

    private final List<Metric> metrics;
    private final long lastStep;
    private final Map<String, QualityWarning> raised = new LinkedHashMap<>();
    private int dWinsInARow;
    private int saturatedInARow;
    private int evaluations;

    public QualityWatch(List<Metric> metrics, long lastStep, List<QualityWarning> earlier) {
        this.metrics = metrics;
        this.lastStep = lastStep;
        earlier.forEach(w -> raised.put(w.code(), w));
    }

    /** After a logged step's losses (local: {@code D_x}; Spark: {@code after_round_D_x}). */
    public List<QualityWarning> afterLosses(long step, Figures losses) {
        double dx = either(losses, "D_x");
        double dgz = either(losses, "D_G_z");
        if (Double.isNaN(dx) || Double.isNaN(dgz)) {
            return List.of();
        }
        dWinsInARow = dx >= D_WINS_REAL && dgz <= D_WINS_FAKE ? dWinsInARow + 1 : 0;
        boolean saturated = dx >= SATURATED_HIGH && dgz >= SATURATED_HIGH || dx <= SATURATED_LOW
                && dgz <= SATURATED_LOW;
        saturatedInARow = saturated ? saturatedInARow + 1 : 0;
        List<QualityWarning> out = new ArrayList<>();
        if (dWinsInARow >= D_WINS_LINES) {
            out.add(raise("d-wins", step, String.format("D(x) %.3f and D(G(z)) %.3f for %d logged steps in a row",
                    dx, dgz, dWinsInARow)));
        }
        if (saturatedInARow >= D_WINS_LINES) {
            out.add(raise("d-saturated", step, String.format("D(x) %.3f and D(G(z)) %.3f for %d logged steps in a "
                    + "row: D says the same of real and fake faces (is the learning rate far too high?)", dx, dgz,
                    saturatedInARow)));
        }
        return out;
    }

    /** After an evaluation: its figures and the run's baselines. */
    public List<QualityWarning> afterEvaluation(long step, Figures f, Map<String, Double> baselines) {
        evaluations++;
        List<QualityWarning> out = new ArrayList<>();
        double l1 = f.get("sample_pairwise_l1");
        double l1Real = baselines.getOrDefault("sample_pairwise_l1_real", Double.NaN);
        if (l1 < COLLAPSE_L1 * l1Real) {
            out.add(raise("mode-collapse", step, String.format("samples differ by %.4f (pairwise L1), real faces by "
                    + "%.4f", l1, l1Real)));
        }
        double ms = f.get("sample_ms_ssim");
        double msReal = baselines.getOrDefault("sample_ms_ssim_real", Double.NaN);
        if (ms > msReal + COLLAPSE_MS_SSIM) {
            out.add(raise("mode-collapse", step, String.format("samples' pairwise MS-SSIM %.3f, real faces' %.3f",
                    ms, msReal)));
        }
        double nn = f.get("sample_nn_train");
        double nnVal = baselines.getOrDefault("sample_nn_train_val", Double.NaN);
        if (nn < MEMORISED * nnVal) {
            out.add(raise("memorisation", step, String.format("samples lie %.4f from the nearest train face, val "
                    + "faces %.4f", nn, nnVal)));
        }
        double change = f.get("sample_change");
        if (evaluations >= 3 && change < STALL) {
            out.add(raise("g-stalls", step, String.format("the grid's faces changed by %.5f since the previous "
                    + "evaluation", change)));
        }
        if (step * 2 >= lastStep) {
            double faces = f.get("face_rate");
            double realFaces = baselines.getOrDefault("face_rate_real", Double.NaN);
            if (faces < FEW_FACES * realFaces) {
                out.add(raise("few-faces", step, String.format("face-api's detector finds a face in %.0f%% of the "
                        + "model's images, in %.0f%% of real val faces", 100 * faces, 100 * realFaces)));
            }
            // the val image metrics only: identity_distance's retrieval baseline is a real face of the person,
            // which no generated face is expected to beat
            for (Metric m : metrics) {
                if (!m.name().startsWith("val_")) {
                    continue;
                }
                double v = f.get(m.name());
                double r = baselines.getOrDefault(m.name() + "_retrieval", Double.NaN);
                if (!Double.isNaN(v) && !Double.isNaN(r) && (m.higherIsBetter() ? v < r : v > r)) {
                    out.add(raise("below-retrieval", step, String.format("%s %.4f is worse than the nearest train "
                            + "frame's %.4f", m.name(), v, r)));
                }
            }
        }
        return out;
    }

    /**
     * The warnings a run's final evaluation shows by itself (its figures and baselines as evaluation.json holds
     * them): what the pipeline's gate may block on.
     */
    public static List<QualityWarning> ofFinal(List<Metric> metrics, Map<String, Double> evaluation) {
        Figures f = Figures.none();
        evaluation.forEach(f::put);
        return new QualityWatch(metrics, 1, List.of()).afterEvaluation(1, f, evaluation);
    }

    /** Every code raised so far, at its first step. */
    public List<QualityWarning> raised() {
        return new ArrayList<>(raised.values());
    }

    private static double either(Figures f, String name) {
        double v = f.get(name);
        return Double.isNaN(v) ? f.get("after_round_" + name) : v;
    }

    private QualityWarning raise(String code, long step, String message) {
        QualityWarning w = new QualityWarning(code, step, message);
        raised.putIfAbsent(code, w);
        return w;
    }
}
