package dev.self2face.job.train;

import dev.self2face.job.eval.LossChart;
import dev.self2face.job.report.RunReport;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The end of a run: final grid, loss plot, networks, evaluation, then {@code _SUCCESS}. */
final class Finisher {
    private final TrainSettings t;
    private final RunStore run;
    private final Map<String, Object> configRecord;

    Finisher(TrainSettings t, RunStore run, Map<String, Object> configRecord) {
        this.t = t;
        this.run = run;
        this.configRecord = configRecord;
    }

    /**
     * @param unit "steps" (local) or "rounds" (Spark), and how many the run made
     * @return the run's final evaluation (as in its evaluation.json, without the baselines)
     */
    Figures finish(TrainingStart start, RunInfo info, String unit, long count) throws IOException {
        GanModel model = start.model();
        run.write(RunStore.GRID, StepEnd.grid(model, start, t));
        run.write(RunStore.LOSS_PLOT, LossChart.png(start.metrics().lines(), MetricsLog::isFigure,
                model.type().id() + " · " + run.uri()));
        run.write(RunStore.GENERATOR, Checkpoints.zip(model.graphs().published(), false));
        run.write(RunStore.DISCRIMINATOR, Checkpoints.zip(model.graphs().discriminator(), false));
        run.writeJson(RunStore.CONFIG, configRecord);
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put(unit, count);
        // the last step is always a sample step: its evaluation is the run's
        evaluation.putAll(start.evaluator().latest().asMap());
        evaluation.putAll(start.state().baselines);
        evaluation.put("val_pairs", start.evaluator().data().valPairs());
        evaluation.put("samples", t.evalSamples());
        evaluation.put("warnings", start.state().warnings);
        run.writeJson(RunStore.EVALUATION, evaluation);
        ValCases.write(start.evaluator().latestSnapshot(), run);
        info.finishedAt = Instant.now().toString();
        run.writeInfo(info);
        run.write(RunStore.REPORT, RunReport.atPublish(run));
        run.publish();
        TrainProgress.info("published " + run.uri() + ": " + evaluation);
        return start.evaluator().latest();
    }
}
