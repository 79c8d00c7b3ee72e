package dev.self2face.job.pipeline;

import dev.self2face.job.report.RunReport;
import dev.self2face.json.Json;
import dev.self2face.storage.Storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a pipeline run did, for people and for schedulers: {@code summary.json}, {@code summary.html} (the metric
 * table and each candidate's grid next to the live model's, with links to both runs' reports) and the console table.
 */
final class PipelineSummary {

    /** One model's part of the run. */
    static final class ModelOutcome {
        String model;
        Decision decision = Decision.NOT_TRAINED;
        String reason = "";
        String candidate;
        String warmStart;
        String live;
        /** why the live model could not be read (it was routed around), or null */
        String liveDamage;
        String published;
        String metric;
        Double candidateFigure;
        Double liveFigure;
        long valPairs;
        Map<String, Double> candidateFigures = new LinkedHashMap<>();
        Map<String, Double> liveFigures = new LinkedHashMap<>();

        Model record() {
            return new Model(decision, reason, candidate, warmStart, live, liveDamage, published, metric,
                    candidateFigure, liveFigure, valPairs, candidateFigures, liveFigures);
        }
    }

    /** {@code summary.json}: what a pipeline run did, for schedulers. */
    record Summary(String run, String root, String status, String startedAt, String finishedAt, String note,
                   String continued, PipelineState.Etl etl, Map<String, Model> models, Map<String, String> live,
                   Map<String, Double> stageSeconds) {
    }

    /** One model's part of {@code summary.json}. */
    record Model(Decision decision, String reason, String candidate, String warmStart, String liveBefore,
                 String liveDamage, String published, String gateMetric, Double candidateValue, Double liveValue,
                 long valPairs, Map<String, Double> candidateFigures, Map<String, Double> liveFigures) {
    }

    private PipelineSummary() {
    }

    static Summary summary(PipelineState state, String root, String note, List<ModelOutcome> models,
                           Map<String, String> live) {
        Map<String, Model> m = new LinkedHashMap<>();
        models.forEach(o -> m.put(o.model, o.record()));
        return new Summary(state.id, root, state.status, state.startedAt, state.finishedAt, note, state.note,
                state.etl, m, live, state.stageSeconds);
    }

    /** The console table: one row per model. */
    static String table(List<ModelOutcome> models) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "gate metric", "live", "candidate", "change", "decision"});
        for (ModelOutcome o : models) {
            rows.add(new String[] {o.model, o.metric == null ? "-" : o.metric, fmt(o.liveFigure),
                fmt(o.candidateFigure), change(o), o.decision.label()});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                b.append(String.format("%-" + (w[i] + 2) + "s", r[i]));
            }
            b.append('\n');
        }
        for (ModelOutcome o : models) {
            b.append(o.model).append(": ").append(o.reason).append('\n');
        }
        return b.toString();
    }

    static void write(Storage storage, String root, PipelineState state, Summary json, List<ModelOutcome> models)
            throws IOException {
        String dir = PipelineLayout.run(root, state.id) + "/";
        storage.writeAtomically(Storage.path(dir + PipelineLayout.SUMMARY), Json.PRETTY.writeValueAsBytes(json));
        storage.writeAtomically(Storage.path(dir + PipelineLayout.SUMMARY_HTML),
                html(root, state, models).getBytes(StandardCharsets.UTF_8));
    }

    /** Relative links: the page works where the root is, a local folder or a bucket served as a website. */
    static String html(String root, PipelineState state, List<ModelOutcome> models) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>self2face "
                + "pipeline " + esc(state.id) + "</title><style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                + ".side{display:flex;gap:2em}.side img{max-width:480px;image-rendering:pixelated}"
                + ".published{color:#060}.rejected{color:#a00}</style>" + RunReport.CHECK_SCRIPT + "</head><body>");
        h.append("<h1>Pipeline run ").append(esc(state.id)).append("</h1><p>").append(esc(root)).append(" · ")
                .append(esc(state.startedAt)).append(" → ").append(esc(String.valueOf(state.finishedAt)))
                .append("</p>");
        if (!state.stageSeconds.isEmpty()) {
            h.append("<p>Stages: ");
            state.stageSeconds.forEach((stage, sec) -> h.append(esc(stage)).append(' ').append(Math.round(sec))
                    .append(" s · "));
            h.setLength(h.length() - 3);
            h.append("</p>");
        }
        if (state.etl != null) {
            h.append("<p>New or changed videos: ").append(state.etl.processed.size()).append(" (")
                    .append(state.etl.rejected.size()).append(" rejected); dataset: ").append(state.etl.pairs)
                    .append(" pairs (").append(state.etl.train).append(" train, ").append(state.etl.val)
                    .append(" val), ").append(state.etl.pairs - state.etl.pairsBefore).append(" more than before</p>");
            if (!state.etl.processed.isEmpty()) {
                h.append("<ul>");
                state.etl.processed.forEach(v -> h.append("<li>").append(esc(v)).append("</li>"));
                h.append("</ul>");
            }
        }
        h.append("<table><tr><th>model</th><th>gate metric</th><th>live</th><th>candidate</th><th>change</th>"
                + "<th>decision</th><th>why</th></tr>");
        for (ModelOutcome o : models) {
            h.append("<tr><td>").append(esc(o.model)).append("</td><td>").append(esc(String.valueOf(o.metric)))
                    .append("</td><td>").append(fmt(o.liveFigure)).append("</td><td>").append(fmt(o.candidateFigure))
                    .append("</td><td>").append(change(o)).append("</td><td class=\"").append(o.decision.label())
                    .append("\">").append(esc(o.decision.label())).append("</td><td>").append(esc(o.reason))
                    .append("</td></tr>");
        }
        h.append("</table>");
        for (ModelOutcome o : models) {
            if (o.candidate == null) {
                continue;
            }
            h.append("<h2>").append(esc(o.model)).append("</h2><div class=\"side\">");
            if (o.live != null) {
                String rel = relative(root, o.live);
                h.append("<div><h3>live before this run</h3><a href=\"").append(esc(rel))
                        .append("/report.html\">report</a><br><img alt=\"live grid\" src=\"").append(esc(rel))
                        .append("/grid.png\"></div>");
            }
            h.append("<div><h3>candidate</h3><a href=\"").append(esc(o.model)).append("/report.html\">report</a>")
                    .append("<br><img alt=\"candidate grid\" src=\"").append(esc(o.model)).append("/grid.png\"></div>")
                    .append("</div>");
            h.append("<table><tr><th>metric</th><th>live</th><th>candidate</th></tr>");
            for (var e : o.candidateFigures.entrySet()) {
                h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>")
                        .append(fmt(o.liveFigures.get(e.getKey()))).append("</td><td>").append(fmt(e.getValue()))
                        .append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    /** A run folder under the root as seen from ROOT/runs/RUN-ID/. */
    private static String relative(String root, String uri) {
        return uri.startsWith(root + "/") ? "../../" + uri.substring(root.length() + 1) : uri;
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String change(ModelOutcome o) {
        if (o.liveFigure == null || o.candidateFigure == null || o.liveFigure == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100 * (o.candidateFigure - o.liveFigure) / Math.abs(o.liveFigure));
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
