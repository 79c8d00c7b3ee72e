package dev.self2face.job.sweep;

import java.util.Map;

/**
 * The winning trial's settings as config files: {@code best.conf} for {@code train --conf} (the model, its searched
 * keys and the steps it was measured at) and {@code best-pipeline.conf} for {@code pipeline --conf}, the same keys in
 * {@code pipeline.train.<model>} (at the top level, {@code training.*} keys would apply to every model a pipeline
 * trains).
 */
final class BestConf {
    static final String TRAIN = "best.conf";
    static final String PIPELINE = "best-pipeline.conf";

    private BestConf() {
    }

    static String train(Sweep.Checked k, TrialResult best) {
        StringBuilder b = header(k, best, "train --conf " + TRAIN + " trains it again");
        b.append("model.kind = ").append(k.training().m().kind()).append('\n');
        keys(b, "", k, best);
        return b.toString();
    }

    static String pipeline(Sweep.Checked k, TrialResult best) {
        StringBuilder b = header(k, best, "pipeline --conf " + PIPELINE + " trains the model with these settings");
        b.append("pipeline.train.").append(k.training().m().kind()).append(" {\n");
        keys(b, "  ", k, best);
        b.append("}\n");
        return b.toString();
    }

    private static StringBuilder header(Sweep.Checked k, TrialResult best, String use) {
        return new StringBuilder("# self2face sweep ").append(k.out()).append(": the best of ")
                .append(k.space().trials()).append(" trials by ").append(k.space().metric()).append(" (")
                .append(k.maximize() ? "maximized" : "minimized").append("): ").append(best.id()).append(", ")
                .append(best.metric()).append(" after ").append(k.space().rungs().get(best.rung()))
                .append(" steps\n# ").append(use).append('\n');
    }

    private static void keys(StringBuilder b, String indent, Sweep.Checked k, TrialResult best) {
        b.append(indent).append("training.steps = ").append(k.space().rungs().get(best.rung())).append('\n');
        for (Map.Entry<String, Object> e : best.params().entrySet()) {
            b.append(indent).append(e.getKey()).append(" = ").append(SweepParam.render(e.getValue())).append('\n');
        }
    }
}
