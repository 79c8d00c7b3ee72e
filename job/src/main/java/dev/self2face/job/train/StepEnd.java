package dev.self2face.job.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.self2face.job.data.Batch;
import dev.self2face.job.eval.Evaluation;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelKind;
import dev.self2face.job.model.StepResult;
import dev.self2face.job.run.RunStore;

import java.io.IOException;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * What both trainers do at the end of a step (local) or a round (Spark): stop if the logged losses diverged, measure
 * val L1 on sample steps (pix2pix), append the metrics line, write the sample grid, report progress, checkpoint.
 */
final class StepEnd {
    private final TrainSettings t;
    private final RunStore run;
    private final TrainingStart start;
    private final TrainProgress progress;
    private final String unit;
    private final long last;

    /** @param unit "step" or "round": names the sample grids and the divergence error */
    StepEnd(TrainSettings t, RunStore run, TrainingStart start, TrainProgress progress, String unit, long last) {
        this.t = t;
        this.run = run;
        this.start = start;
        this.progress = progress;
        this.unit = unit;
        this.last = last;
    }

    /** The first step is always logged: its D(x) and D(G(z)) are the untrained networks'. */
    boolean logs(long step) {
        return step == 1 || step % t.logEvery() == 0 || step == last;
    }

    /**
     * @param line the metrics line, given the val L1 measured (NaN when not measured)
     */
    void after(long step, StepResult r, DoubleFunction<ObjectNode> line) throws IOException {
        boolean log = logs(step);
        if (log && !r.finite()) {
            throw new IllegalStateException("training diverged at " + unit + " " + step + ": " + r);
        }
        GanModel model = start.model();
        boolean sample = step % t.sampleEvery() == 0 || step == last;
        List<Batch> val = start.val();
        double valL1 = sample && model.settings().kind() == ModelKind.PIX2PIX
                ? Evaluation.valL1(model, val, t.seed()) : Double.NaN;
        if (log || sample) {
            start.metrics().append(line.apply(valL1));
        }
        if (sample) {
            run.write(String.format("samples/%s-%08d.png", unit, step), Finisher.grid(model, start.fixed(), t));
        }
        progress.step(step, r);
        if (t.checkpointEvery() > 0 && step % t.checkpointEvery() == 0 && step < last) {
            start.state().step = step;
            Checkpoints.save(run, model, start.state(), t.keepCheckpoints());
        }
    }
}
