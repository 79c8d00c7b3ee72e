package dev.self2face.job.train;

import dev.self2face.job.data.Batch;
import dev.self2face.job.data.Seeds;
import dev.self2face.job.eval.Evaluation;
import dev.self2face.job.eval.LossChart;
import dev.self2face.job.eval.SampleGrid;
import dev.self2face.job.model.DcGan;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelKind;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sample grids of a run and its end: final grid, loss plot, networks, evaluation, then {@code _SUCCESS}. */
final class Finisher {
    private final ModelSettings m;
    private final TrainSettings t;
    private final RunStore run;
    private final Map<String, Object> configRecord;

    Finisher(ModelSettings m, TrainSettings t, RunStore run, Map<String, Object> configRecord) {
        this.m = m;
        this.t = t;
        this.run = run;
        this.configRecord = configRecord;
    }

    /** The grid of a model from the run's fixed inputs: val conditions for pix2pix, fixed noise for DCGAN. */
    static byte[] grid(GanModel model, Batch fixed, TrainSettings t) {
        Nd4j.getRandom().setSeed(Seeds.sampling(t.seed()));
        if (model.settings().kind() == ModelKind.PIX2PIX) {
            INDArray generated = model.sample(fixed.condition());
            return SampleGrid.triplets(fixed.condition(), generated, fixed.image(), 2);
        }
        INDArray noise = DcGan.fixedNoise(model.settings(), t.sampleCount());
        return SampleGrid.grid(model.sample(noise), (int) Math.ceil(Math.sqrt(noise.size(0))));
    }

    /** @param unit "steps" (local) or "rounds" (Spark), and how many the run made */
    void finish(GanModel model, MetricsLog metrics, TrainState state, RunInfo info, Batch fixed, List<Batch> val,
                String unit, long count) throws IOException {
        run.write(RunStore.GRID, grid(model, fixed, t));
        run.write(RunStore.LOSS_PLOT, LossChart.png(metrics.lines(), m.kind().id() + " · " + run.uri()));
        run.write(RunStore.GENERATOR, Checkpoints.zip(model.graphs().generator(), false));
        run.write(RunStore.DISCRIMINATOR, Checkpoints.zip(model.graphs().discriminator(), false));
        run.writeJson(RunStore.CONFIG, configRecord);
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put(unit, count);
        if (m.kind() == ModelKind.PIX2PIX) {
            evaluation.put("val_l1", Evaluation.valL1(model, val, t.seed()));
            evaluation.put("val_l1_untrained", state.untrainedValL1);
            evaluation.put("val_l1_mean_face", state.meanFaceValL1);
            evaluation.put("val_pairs", val.stream().mapToLong(Batch::size).sum());
        } else {
            Nd4j.getRandom().setSeed(Seeds.sampling(t.seed()));
            INDArray samples = model.sample(DcGan.fixedNoise(m, t.sampleCount()));
            evaluation.put("sample_pairwise_l1", Evaluation.meanPairwiseL1(samples));
            evaluation.put("samples", samples.size(0));
        }
        run.writeJson(RunStore.EVALUATION, evaluation);
        info.finishedAt = Instant.now().toString();
        run.writeInfo(info);
        run.publish();
        TrainProgress.info("published " + run.uri() + ": " + evaluation);
    }
}
