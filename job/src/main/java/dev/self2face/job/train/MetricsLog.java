package dev.self2face.job.train;

import dev.self2face.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.self2face.job.eval.QualityWarning;
import dev.self2face.job.model.Figures;
import dev.self2face.job.run.RunStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code metrics.jsonl}: one JSON object per logged step: where the run stood (step, epoch), its speed, and the
 * figures — the model's named losses and D outputs on logging steps; on sample steps a second line, marked
 * {@code "evaluation": true}, with the metrics. Lines that raised quality warnings carry them ({@code "warnings"}). The file is rewritten whole (object stores cannot
 * append); on resume the lines after the checkpoint's step are dropped, since they will be logged again.
 */
final class MetricsLog {
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
            if (Json.MAPPER.readTree(l).get("step").asLong() <= step) {
                kept.add(l);
            }
        }
        return new MetricsLog(run, kept);
    }

    static ObjectNode line() {
        return Json.MAPPER.createObjectNode();
    }

    /** The fields of a line that are not figures: where the run stood and how fast it went. */
    private static final Set<String> BOOKKEEPING = Set.of("step", "epoch", "round", "images_per_s", "lr", "workers",
            "examples_per_worker", "configured_workers");

    /** Whether a field of a metrics line is a figure (a loss, a D output, a metric), not bookkeeping or a timing. */
    static boolean isFigure(String field) {
        return !BOOKKEEPING.contains(field) && !field.endsWith("_s");
    }

    /** Puts every figure. */
    static void put(ObjectNode n, Figures figures) {
        figures.asMap().forEach(n::put);
    }

    /** Puts the warnings a line raised (none: no field). */
    static void putWarnings(ObjectNode n, List<QualityWarning> warnings) {
        if (!warnings.isEmpty()) {
            n.putPOJO("warnings", warnings.stream().map(QualityWarning::toString).toList());
        }
    }

    /** A line of an evaluation (a sample step): marked {@code "evaluation": true}, the metrics, any warnings. */
    static ObjectNode evaluationLine(long step, Figures figures, List<QualityWarning> warnings) {
        ObjectNode n = line();
        n.put("step", step);
        n.put("evaluation", true);
        put(n, figures);
        putWarnings(n, warnings);
        return n;
    }

    /** The part of a line both trainers write: speed, learning rate and wall time. */
    static void putSpeed(ObjectNode n, double imagesPerSecond, double lr, double wall) {
        n.put("images_per_s", round2(imagesPerSecond));
        n.put("lr", lr);
        n.put("wall_s", round2(wall));
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    void append(ObjectNode n) throws IOException {
        try {
            lines.add(Json.MAPPER.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        run.writeMetrics(lines);
    }

    List<String> lines() {
        return lines;
    }
}
