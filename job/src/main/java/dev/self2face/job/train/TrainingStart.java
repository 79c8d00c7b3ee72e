package dev.self2face.job.train;

import dev.self2face.job.data.Batch;
import dev.self2face.job.eval.Evaluation;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelKind;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a run starts, for the local and the Spark trainer alike: from its newest complete checkpoint (with
 * {@code --resume}), or fresh — then run.json is written and, for pix2pix, the baselines measured (val L1 of the
 * untrained generator and of the mean train face). Also the fixed inputs of the grids and the val batches.
 */
record TrainingStart(GanModel model, TrainState state, MetricsLog metrics, List<Batch> val, Batch fixed) {

    static TrainingStart open(RunStore run, ModelSettings m, TrainSettings t, RunInfo info, TrainingData data)
            throws IOException {
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
        boolean pix2pix = m.kind() == ModelKind.PIX2PIX;
        List<Batch> val = pix2pix ? data.valBatches(t.evalPairs()) : List.of();
        Batch fixed = data.fixedSamples(t.sampleCount());
        if (checkpoint.isPresent()) {
            TrainState state = Checkpoints.loadState(run, checkpoint.get());
            TrainProgress.info("resuming " + run.uri() + " from its checkpoint at " + state.step);
            return new TrainingStart(Checkpoints.load(run, checkpoint.get(), m), state,
                    MetricsLog.resumedAt(run, state.step), val, fixed);
        }
        run.writeInfo(info);
        GanModel model = GanModel.create(m);
        TrainState state = new TrainState();
        if (pix2pix) {
            state.untrainedValL1 = Evaluation.valL1(model, val, t.seed());
            state.meanFaceValL1 = Evaluation.meanFaceL1(data.meanTrainFace(2000), val);
            TrainProgress.info(String.format("val L1 before training %.4f; of the mean train face %.4f",
                    state.untrainedValL1, state.meanFaceValL1));
        }
        return new TrainingStart(model, state, MetricsLog.fresh(run), val, fixed);
    }
}
