package dev.self2face.job.report;

import dev.self2face.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page per run (every image embedded, no network, no external script),
 * made only from the run's own files, so it can be rebuilt for any run at any time: the run and its dataset, the
 * warnings, the final metrics next to their baselines, the losses and every metric over the steps, the sample grids
 * over time, the val cases (first, best, worst), throughput, and the configuration. A small script marks on
 * {@code <body>} how many images the browser decoded and whether a script error occurred (what the browser test
 * reads).
 */
public final class RunReport {
    /** Sample grids shown, evenly spaced over the run (the last one always). */
    static final int GRIDS = 12;
    private static final List<String> BASELINE_SUFFIXES = List.of("_untrained", "_mean_face", "_retrieval", "_real",
            "_train", "_val", "_std");

    private final RunStore run;
    private final boolean publishing;
    private final StringBuilder h = new StringBuilder();

    private RunReport(RunStore run, boolean publishing) {
        this.run = run;
        this.publishing = publishing;
    }

    /** The report of {@code run} as its files are now. */
    public static byte[] html(RunStore run) throws IOException {
        return new RunReport(run, false).render().getBytes(StandardCharsets.UTF_8);
    }

    /** The report a finishing run writes right before its {@code _SUCCESS}. */
    public static byte[] atPublish(RunStore run) throws IOException {
        return new RunReport(run, true).render().getBytes(StandardCharsets.UTF_8);
    }

    private String render() throws IOException {
        RunInfo info = run.exists(RunStore.INFO) ? run.readInfo() : new RunInfo();
        JsonNode evaluation = json(RunStore.EVALUATION);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : run.readMetrics()) {
            lines.add(Json.MAPPER.readTree(l));
        }
        List<JsonNode> losses = lines.stream().filter(n -> !n.path("evaluation").asBoolean()).toList();
        List<JsonNode> evaluations = lines.stream().filter(n -> n.path("evaluation").asBoolean()).toList();
        String model = info.model == null ? "?" : info.model;
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>self2face ")
                .append(esc(model)).append(" · ").append(esc(run.uri())).append("</title>\n").append(STYLE)
                .append(CHECK_SCRIPT).append("</head>\n<body>\n");
        h.append("<h1>").append(esc(model)).append(" <small>").append(esc(run.uri())).append("</small></h1>\n");
        status(info, evaluation, losses);
        warnings(evaluation);
        metrics(evaluation);
        plots(losses, evaluations, evaluation);
        grids();
        cases();
        dataset(info);
        config();
        h.append("</body></html>\n");
        return h.toString();
    }

    private void status(RunInfo info, JsonNode evaluation, List<JsonNode> losses) throws IOException {
        boolean published = publishing || run.published();
        double wall = losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1).path("wall_s").asDouble();
        h.append("<p class=\"status\">").append(published ? "published" : "not published (no _SUCCESS yet)")
                .append(" · ").append(info.size).append(" px · ")
                .append(evaluation.has("rounds") ? evaluation.get("rounds") + " rounds"
                        : info.steps + " steps").append(" of ").append(info.batch)
                .append(" · seed ").append(info.seed)
                .append(" · started ").append(esc(info.createdAt == null ? "?" : info.createdAt))
                .append(" · finished ").append(esc(info.finishedAt == null ? "?" : info.finishedAt));
        if (Double.isFinite(wall)) {
            h.append(String.format(" · training wall time %.0f s", wall));
        }
        h.append("</p>\n");
    }

    private void warnings(JsonNode evaluation) {
        JsonNode w = evaluation.path("warnings");
        h.append("<section id=\"warnings\"><h2>Warnings</h2>\n");
        if (!w.isArray() || w.isEmpty()) {
            h.append("<p>None (docs/QUALITY.md lists what is watched).</p>");
        } else {
            h.append("<ul class=\"warn\">");
            for (JsonNode x : w) {
                h.append("<li><b>").append(esc(x.path("code").asText())).append("</b> at step ")
                        .append(x.path("step").asLong()).append(": ").append(esc(x.path("message").asText()))
                        .append("</li>");
            }
            h.append("</ul>");
        }
        h.append("</section>\n");
    }

    private void metrics(JsonNode evaluation) {
        h.append("<section id=\"metrics\"><h2>Metrics on the val split</h2>\n<table><tr><th>metric</th>"
                + "<th>value</th><th>baselines</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = evaluation.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (!e.getValue().isNumber() || BASELINE_SUFFIXES.stream().anyMatch(k::endsWith)
                    || List.of("steps", "rounds", "val_pairs", "samples").contains(k)) {
                continue;
            }
            h.append("<tr><td>").append(esc(k)).append("</td><td>").append(num(e.getValue().asDouble()));
            JsonNode std = evaluation.get(k + "_std");
            if (std != null) {
                h.append(" ± ").append(num(std.asDouble()));
            }
            h.append("</td><td>");
            for (String suffix : BASELINE_SUFFIXES) {
                JsonNode b = evaluation.get(k + suffix);
                if (b != null && !suffix.equals("_std")) {
                    h.append(esc(suffix.substring(1))).append(" ").append(num(b.asDouble())).append(" &nbsp; ");
                }
            }
            h.append("</td></tr>\n");
        }
        h.append("</table><p>").append(evaluation.path("val_pairs").asLong()).append(" val pairs, ")
                .append(evaluation.path("samples").asLong()).append(" samples.</p></section>\n");
    }

    private void plots(List<JsonNode> losses, List<JsonNode> evaluations, JsonNode evaluation) {
        h.append("<section id=\"plots\"><h2>Over the steps</h2>\n<div class=\"row\">");
        image("losses", ReportCharts.chart("losses", losses, k -> k.contains("loss_"), Map.of(), true));
        image("D outputs", ReportCharts.chart("D(x) and D(G(z))", losses, k -> k.endsWith("D_x")
                || k.endsWith("D_G_z"), Map.of(), false));
        List<String> names = new ArrayList<>();
        for (JsonNode n : evaluations) {
            n.fieldNames().forEachRemaining(k -> {
                if (!names.contains(k) && n.get(k).isNumber() && !k.equals("step") && !k.endsWith("_std")) {
                    names.add(k);
                }
            });
        }
        for (String k : names) {
            Map<String, Double> baselines = new LinkedHashMap<>();
            for (String suffix : BASELINE_SUFFIXES) {
                if (evaluation.has(k + suffix) && !suffix.equals("_std")) {
                    baselines.put(k + suffix, evaluation.get(k + suffix).asDouble());
                }
            }
            image(k, ReportCharts.chart(k, evaluations, k::equals, baselines, false));
        }
        image("throughput", ReportCharts.chart("images/s", losses, "images_per_s"::equals, Map.of(), false));
        h.append("</div></section>\n");
    }

    private void grids() throws IOException {
        List<String> all = run.sampleGrids();
        h.append("<section id=\"grids\"><h2>Sample grids over time</h2>\n<p>The same fixed inputs at every step.</p>"
                + "<div class=\"row\">");
        int shown = Math.min(GRIDS, all.size());
        for (int i = 0; i < shown; i++) {
            String g = all.get(shown == 1 ? all.size() - 1 : (int) Math.round(i * (all.size() - 1.0) / (shown - 1)));
            h.append("<figure>");
            image(g, run.read(g));
            h.append("<figcaption>").append(esc(g.replaceAll(".*/|\\.png", ""))).append("</figcaption></figure>");
        }
        h.append("</div></section>\n");
    }

    private void cases() throws IOException {
        if (!run.exists(RunStore.CASES)) {
            return;
        }
        JsonNode c = json(RunStore.CASES);
        h.append("<section id=\"cases\"><h2>Val cases: condition | generated | real</h2>\n");
        for (String which : List.of("first", "best", "worst")) {
            h.append("<h3>").append(which).append(which.equals("first") ? "" : " by " + c.path("ranked_by").asText())
                    .append("</h3><div class=\"row\"><figure>");
            image(which, run.read("cases/" + which + ".png"));
            h.append("</figure><table><tr><th>val pair</th><th>L1</th><th>PSNR</th><th>SSIM</th></tr>");
            for (JsonNode x : c.path(which)) {
                h.append("<tr><td>").append(x.path("index").asInt()).append("</td><td>").append(num(x.path("l1")
                        .asDouble())).append("</td><td>").append(num(x.path("psnr").asDouble())).append("</td><td>")
                        .append(num(x.path("ssim").asDouble())).append("</td></tr>");
            }
            h.append("</table></div>\n");
        }
        h.append("</section>\n");
    }

    private void dataset(RunInfo info) {
        String data = info.data == null ? "" : info.data;
        h.append("<section id=\"dataset\"><h2>Dataset</h2>\n<p>").append(esc(data)).append(": ")
                .append(info.trainPairs).append(" train pairs, ").append(info.valPairs)
                .append(" val pairs (schema v").append(info.datasetSchemaVersion)
                .append(").</p>\n");
        try {
            image("contact sheet", run.storage().read(new Path(data, DatasetPublisher.CONTACT_SHEET)));
        } catch (IOException | RuntimeException e) {
            h.append("<p>(its contact sheet cannot be read from here: ").append(esc(e.getMessage())).append(")</p>");
        }
        h.append("</section>\n");
    }

    private void config() throws IOException {
        h.append("<section id=\"config\"><h2>Configuration</h2>\n<pre>");
        if (run.exists(RunStore.CONFIG)) {
            h.append(esc(new String(run.read(RunStore.CONFIG), StandardCharsets.UTF_8)));
        }
        h.append("</pre></section>\n");
    }

    private JsonNode json(String relative) throws IOException {
        return run.exists(relative) ? Json.MAPPER.readTree(run.read(relative)) : Json.MAPPER.createObjectNode();
    }

    private void image(String alt, byte[] png) {
        if (png != null) {
            h.append("<img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format("%.4g", v) : String.valueOf(v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = "<style>body{font:14px/1.4 sans-serif;margin:2em;max-width:1400px}"
            + "h1 small{font-weight:normal;color:#666;font-size:60%}table{border-collapse:collapse;margin:.5em 0}"
            + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}.warn li{color:#a40}"
            + ".row{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}figure{margin:0}"
            + "figcaption{text-align:center;color:#666}img{max-width:100%}pre{background:#f6f6f6;padding:1em;"
            + "overflow:auto}</style>\n";

    /** Counts the images the browser decoded and the script errors, on {@code <body>} (read by the browser test). */
    public static final String CHECK_SCRIPT = "<script>let errors=0;window.addEventListener('error',()=>{errors++;"
            + "document.body&&(document.body.dataset.scriptErrors=errors);});window.addEventListener('load',()=>{"
            + "const imgs=Array.from(document.images);document.body.dataset.images=imgs.length;"
            + "document.body.dataset.decoded=imgs.filter(i=>i.complete&&i.naturalWidth>0).length;"
            + "document.body.dataset.scriptErrors=errors;});</script>\n";
}
