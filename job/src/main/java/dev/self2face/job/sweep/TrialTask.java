package dev.self2face.job.sweep;

import dev.self2face.json.Json;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.self2face.job.data.AttributeLabels;
import dev.self2face.job.train.SharedRows;
import dev.self2face.job.train.TrainingData;
import dev.self2face.job.train.TrainingRun;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.apache.spark.api.java.function.Function;
import org.slf4j.LoggerFactory;

import java.io.Serializable;

/**
 * Runs one trial's rung inside a Spark task: an ordinary local training run (its own metrics, grids, report and
 * {@code _SUCCESS}) on the pairs the driver read once and broadcast, then its metric from {@code evaluation.json}.
 * Whatever goes wrong — an exception, a metric that is not finite — becomes a failed result; the task itself never
 * fails, so the sweep goes on.
 */
final class TrialTask implements Function<String, String>, Serializable {
    /** A trial at a rung: its resolved config (JSON, {@code training.out} is its run); travels as JSON text. */
    record Spec(String id, int rung, int steps, String configJson, java.util.Map<String, Object> params)
            implements Serializable {
    }

    private final SharedRows rows;
    private final AttributeLabels labels;
    private final String metric;

    TrialTask(SharedRows rows, AttributeLabels labels, String metric) {
        this.rows = rows;
        this.labels = labels;
        this.metric = metric;
    }

    @Override
    public String call(String specJson) throws Exception {
        Spec spec = Json.MAPPER.readValue(specJson, Spec.class);
        Config c = ConfigFactory.parseString(spec.configJson()).resolve();
        TrialResult r = run(spec, c);
        String json = Json.MAPPER.writeValueAsString(r);
        // the result next to the run, as soon as it is known: a sweep killed later does not run this trial again
        new Storage(StorageSettings.from(c)).writeAtomically(Sweep.resultPath(r.run()),
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return json;
    }

    private TrialResult run(Spec spec, Config c) {
        long t0 = System.nanoTime();
        String out = c.getString("training.out");
        try {
            TrainingRun.Checked k = TrainingRun.check(c);
            TrainingData data = TrainingData.of(rows.open(new Storage(k.storageSettings()),
                    k.storageSettings().localCacheDir()), k.m().size(), k.t().batch(), k.t().seed());
            double value = TrainingRun.trainLocal(k, data, labels).get(metric);
            if (!Double.isFinite(value)) {
                return result(spec, TrialResult.FAILED, null, metric + " is " + value + " (diverged)", t0, out);
            }
            return result(spec, TrialResult.OK, value, null, t0, out);
        } catch (Throwable e) {
            LoggerFactory.getLogger("self2face.sweep").warn("trial " + spec.id() + " rung " + spec.rung()
                    + " failed", e);
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            return result(spec, TrialResult.FAILED, null, reason.length() > 300 ? reason.substring(0, 300) + "…"
                    : reason, t0, out);
        }
    }

    private static TrialResult result(Spec s, String status, Double metric, String reason, long t0, String out) {
        return new TrialResult(s.id(), s.rung(), s.steps(), status, metric, reason,
                Math.round((System.nanoTime() - t0) / 1e7) / 100.0, out, s.params());
    }
}
