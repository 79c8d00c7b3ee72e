package dev.self2face.job.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.self2face.job.model.StepResult;
import dev.self2face.job.run.RunStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code metrics.jsonl}: one JSON object per logged step. The file is rewritten whole (object stores cannot
 * append); on resume the lines after the checkpoint's step are dropped, since they will be logged again.
 */
final class MetricsLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RunStore run;
    private final List<String> lines;

    private MetricsLog(RunStore run, List<String> lines) {
        this.run = run;
        this.lines = lines;
    }

    static MetricsLog fresh(RunStore run) {
        return new MetricsLog(run, new ArrayList<>());
    }

    static MetricsLog resumedAt(RunStore run, long step) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String l : run.readMetrics()) {
            if (JSON.readTree(l).get("step").asLong() <= step) {
                kept.add(l);
            }
        }
        return new MetricsLog(run, kept);
    }

    static ObjectNode line() {
        return JSON.createObjectNode();
    }

    /** Puts a number unless it is NaN (a value that step did not measure). */
    static void put(ObjectNode n, String key, double v) {
        if (!Double.isNaN(v)) {
            n.put(key, v);
        }
    }

    /** The part of a line both trainers write: losses and D outputs, val L1, speed, learning rate, wall time. */
    static void putResult(ObjectNode n, StepResult r, double valL1, double imagesPerSecond, double lr, double wall) {
        put(n, "d_loss", r.dLoss());
        put(n, "g_loss", r.gLoss());
        put(n, "g_l1", r.gL1());
        put(n, "d_x", r.dReal());
        put(n, "d_g_z", r.dFake());
        put(n, "val_l1", valL1);
        n.put("images_per_s", round2(imagesPerSecond));
        n.put("lr", lr);
        n.put("wall_s", round2(wall));
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    void append(ObjectNode n) throws IOException {
        try {
            lines.add(JSON.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        run.writeMetrics(lines);
    }

    List<String> lines() {
        return lines;
    }
}
