package dev.self2face.job.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
