package dev.self2face.job.train;

import dev.self2face.job.data.Batch;
import dev.self2face.job.eval.Evaluator;
import dev.self2face.job.eval.Metric;
import dev.self2face.job.eval.QualityWatch;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a run starts, for the local and the Spark trainer alike: from its newest complete checkpoint (with
 * {@code --resume}), or fresh — then run.json is written, the metrics' baselines measured on the untrained model,
 * and G and D take a published run's weights when {@code training.init-from} names one.
 * Also the run's fixed evaluation data: the val batches and the first val pairs, the grids' inputs.
 */
record TrainingStart(GanModel model, TrainState state, MetricsLog metrics, Evaluator evaluator, QualityWatch watch) {

    Batch fixed() {
        return evaluator.data().fixed();
    }

    /** @param last the run's last step (or round) */
    static TrainingStart open(RunStore run, ModelSettings m, TrainSettings t, List<Metric> metrics, RunInfo info,
                              TrainingData data, long last) throws IOException {
        Optional<Long> checkpoint = Optional.empty();
        if (t.resume()) {
            RunStore.Leftovers left = run.removeLeftovers();
            checkpoint = run.latestCheckpoint();
            for (long step : left.incompleteCheckpoints()) {
                TrainProgress.info("the checkpoint at step " + step + " in " + run.uri() + " is incomplete (the run "
                        + "stopped while writing it): removed; " + checkpoint.map(s -> "resuming from the one at "
                        + "step " + s).orElse("no complete checkpoint is left: starting from step 0"));
            }
            if (left.temporaryFiles() > 0) {
                TrainProgress.info("removed " + left.temporaryFiles() + " temporary file(s) the stopped run left");
            }
        }
        Evaluator evaluator = new Evaluator(metrics, data.evalData(t, run.storage()));
        if (checkpoint.isPresent()) {
            TrainState state = Checkpoints.loadState(run, checkpoint.get());
            TrainProgress.info("resuming " + run.uri() + " from its checkpoint at " + state.step);
            GanModel model = Checkpoints.load(run, checkpoint.get(), m);
            AdaptiveAugment.apply(model, state);
            return new TrainingStart(model, state, MetricsLog.resumedAt(run, state.step), evaluator,
                    new QualityWatch(metrics, last, state.warnings));
        }
        run.writeInfo(info);
        GanModel model = m.create();
        TrainState state = new TrainState();
        AdaptiveAugment.apply(model, state);
        Figures baselines = evaluator.baselines(model);
        state.baselines.putAll(baselines.asMap());
        if (!baselines.isEmpty()) {
            TrainProgress.info("baselines on " + evaluator.data().valPairs() + " val pairs: " + baselines);
        }
        if (!t.initFrom().isEmpty()) {
            WarmStart.apply(run.storage(), t.initFrom(), model);
        }
        return new TrainingStart(model, state, MetricsLog.fresh(run), evaluator,
                new QualityWatch(metrics, last, state.warnings));
    }
}
