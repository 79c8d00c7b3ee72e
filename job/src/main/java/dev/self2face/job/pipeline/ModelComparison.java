package dev.self2face.job.pipeline;

import dev.self2face.job.data.AttributeLabels;
import dev.self2face.job.eval.EvalData;
import dev.self2face.job.eval.Evaluator;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.run.PublishedModel;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.train.TrainingData;
import dev.self2face.job.train.TrainingRun;
import org.apache.spark.sql.SparkSession;

import java.util.Optional;

/**
 * A candidate and the live model measured with the candidate's metrics on the same evaluation data — today's val
 * pairs, the candidate's seed for noise and sampling — so the figures compare (the dataset grows between pipeline
 * runs: the live model's own evaluation.json was measured on other val pairs).
 */
final class ModelComparison {

    /** @param live the live model's figures, empty when there is none or it is not comparable ({@code note} says) */
    record Result(Figures candidate, Optional<Figures> live, long valPairs, String note) {
    }

    private ModelComparison() {
    }

    static Result measure(SparkSession spark, TrainingRun.Checked k, RunStore candidate, Optional<RunStore> live) {
        ModelSettings m = k.m();
        // a conditional model is measured on the val pairs labelled as the candidate was trained
        try (TrainingData data = TrainingData.read(spark, k.t().data(), m.size(), k.t().batch(), k.t().seed(),
                AttributeLabels.of(candidate.load().attributes))) {
            EvalData eval = data.evalData(k.t(), candidate.storage());
            Figures c = new Evaluator(k.metrics(), eval).measure(PublishedModel.load(candidate));
            if (live.isEmpty()) {
                return new Result(c, Optional.empty(), eval.valPairs(), "no live model");
            }
            RunInfo info;
            GanModel liveModel;
            try {
                info = live.get().load();
                liveModel = info.size == m.size() && info.model.equals(m.kind()) ? PublishedModel.load(live.get())
                        : null;
            } catch (RuntimeException e) {
                return new Result(c, Optional.empty(), eval.valPairs(), "the live model " + live.get().uri()
                        + " cannot be read (" + e.getMessage() + "): the candidate is judged on its own");
            }
            if (info.size != m.size() || !info.model.equals(m.kind())) {
                return new Result(c, Optional.empty(), eval.valPairs(), "the live model " + live.get().uri()
                        + " is a " + info.model + " at " + info.size + "x" + info.size + ": not comparable with a " + m.kind()
                        + " at " + m.size() + "x" + m.size());
            }
            Figures l = new Evaluator(k.metrics(), eval).measure(liveModel);
            return new Result(c, Optional.of(l), eval.valPairs(), "both measured on the same " + eval.valPairs()
                    + " val pairs");
        }
    }
}
