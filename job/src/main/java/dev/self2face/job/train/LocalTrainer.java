package dev.self2face.job.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.self2face.job.data.Seeds;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.eval.Metric;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.model.Figures;
import dev.self2face.job.run.RunError;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Trains a model in this JVM: the model's step on the data's batches, with metrics lines, sample grids, checkpoints
 * and resume, then publishes the run. Every step starts by seeding ND4J's generator from (seed, step), so a run
 * resumed from a checkpoint computes exactly what the straight run would have.
 */
public final class LocalTrainer {
    private final ModelSettings m;
    private final TrainSettings t;
    private final RunStore run;
    private final List<Metric> metrics;
    private final Map<String, Object> configRecord;

    public LocalTrainer(ModelSettings m, TrainSettings t, List<Metric> metrics, RunStore run,
                        Map<String, Object> configRecord) {
        this.m = m;
        this.t = t;
        this.metrics = metrics;
        this.run = run;
        this.configRecord = configRecord;
    }

    /** Fails before any work when the output cannot take this run (published, or unfinished without --resume). */
    public static void checkStart(RunStore run, TrainSettings t, ModelSettings m) throws IOException {
        if (run.published()) {
            throw new RunError("run " + run.uri() + " is already published (" + RunStore.SUCCESS
                    + "): choose another --out");
        }
        if (!t.resume() && run.started()) {
            throw new RunError("run " + run.uri() + " holds an unfinished run: --resume continues it, or choose "
                    + "another --out");
        }
        if (t.resume() && run.started()) {
            RunInfo info = run.readInfo();
            if (!info.model.equals(m.kind()) || info.size != m.size()) {
                throw new RunError("run " + run.uri() + " is a " + info.model + " run at " + info.size + "x"
                        + info.size + ": cannot resume it as " + m.kind() + " at " + m.size());
            }
        }
    }

    /** Trains, publishes and returns the run's final evaluation. */
    public Figures run(TrainingData data, RunInfo info) throws IOException {
        TrainingStart start = TrainingStart.open(run, m, t, metrics, info, data, t.steps());
        GanModel model = start.model();
        TrainState state = start.state();
        TrainProgress progress = new TrainProgress("train " + m.kind(), state.step, t.steps(), t.batch(),
                t.progressSeconds());
        StepEnd end = new StepEnd(t, run, start, progress, "step", t.steps(), t.batch());
        long started = System.nanoTime();
        for (long step = state.step + 1; step <= t.steps(); step++) {
            Nd4j.getRandom().setSeed(Seeds.step(t.seed(), step));
            Figures losses = model.step(model.sets().mirrored(data.batch(step - 1), t.seed(), step), end.logs(step));
            model.graphs().afterGeneratorImages(t.batch(), step * t.batch());
            long s = step;
            end.after(step, losses, () -> line(s, data.epochOf(s - 1), progress.imagesPerSecond(s),
                    (System.nanoTime() - started) / 1e9));
        }
        return new Finisher(t, run, configRecord).finish(start, info, "steps", t.steps());
    }

    private ObjectNode line(long step, int epoch, double imagesPerSecond, double wall) {
        ObjectNode n = MetricsLog.line();
        n.put("step", step);
        n.put("epoch", epoch);
        MetricsLog.putSpeed(n, imagesPerSecond, m.learningRate(), wall);
        return n;
    }

}
