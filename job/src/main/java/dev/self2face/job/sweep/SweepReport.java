package dev.self2face.job.sweep;

import dev.self2face.job.report.RunReport;
import dev.self2face.job.run.RunStore;
import dev.self2face.storage.Storage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep.html}: the trials ranked by the metric, each searched parameter against the metric (one scatter plot
 * per parameter, a series per rung), every rung's results and promotions, and the best trial's grid with a link to
 * its run report. Self-contained (plots and grid embedded), so it reads the same from a bucket.
 */
final class SweepReport {
    private SweepReport() {
    }

    static String html(SweepState state, Sweep.Checked k, TrialResult best, Storage storage) throws IOException {
        SweepSpace space = k.space();
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>sweep ")
                .append(esc(k.out())).append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1200px}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right}th{background:#eee}td.l{text-align:left}tr.best{background:#dfd}"
                        + "tr.failed{color:#a00}</style>").append(RunReport.CHECK_SCRIPT).append("</head><body>");
        h.append("<h1>Sweep: ").append(esc(k.training().m().kind())).append(" on ")
                .append(esc(k.training().t().data())).append("</h1>");
        h.append("<p id=\"summary\">").append(space.trials()).append(" trials, ")
                .append(space.algorithm() == SweepSpace.Algorithm.RANDOM ? "random search"
                        : "successive halving (η = " + space.eta() + ")").append(", rungs of ")
                .append(space.rungs()).append(" steps; metric <b>").append(esc(space.metric())).append("</b> (")
                .append(k.maximize() ? "higher" : "lower").append(" is better). Best: <b>").append(best.id())
                .append("</b>, ").append(fmt(best.metric())).append(" after ").append(space.rungs().get(best.rung()))
                .append(" steps. Settings: <code>best.conf</code> (train), <code>best-pipeline.conf</code>"
                        + " (pipeline).</p>");

        h.append("<h2>Trials, best first</h2><table id=\"ranking\"><tr><th>#</th><th>trial</th><th>steps</th><th>")
                .append(esc(space.metric())).append("</th><th>status</th>");
        for (SweepParam p : space.params()) {
            h.append("<th>").append(esc(p.key())).append("</th>");
        }
        h.append("<th>run</th></tr>");
        int rank = 1;
        for (TrialResult r : state.ranking()) {
            h.append("<tr class=\"").append(r.id().equals(best.id()) ? "best" : r.ok() ? "" : "failed").append("\">")
                    .append("<td>").append(rank++).append("</td><td class=\"l\">").append(r.id()).append("</td><td>")
                    .append(space.rungs().get(r.rung())).append("</td><td>").append(fmt(r.metric()))
                    .append("</td><td class=\"l\">").append(r.ok() ? "ok" : "failed: " + esc(r.reason()))
                    .append("</td>");
            for (SweepParam p : space.params()) {
                h.append("<td>").append(esc(value(r.params().get(p.key())))).append("</td>");
            }
            h.append("<td class=\"l\"><a href=\"").append(esc(relative(r))).append("/report.html\">report</a>")
                    .append("</td></tr>");
        }
        h.append("</table>");

        h.append("<h2>Parameters against ").append(esc(space.metric())).append("</h2>");
        for (SweepParam p : space.params()) {
            byte[] png = scatter(state, p, space);
            if (png != null) {
                h.append("<img alt=\"").append(esc(p.key())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(png)).append("\">");
            }
        }

        h.append("<h2>Rungs and promotions</h2>");
        for (Map.Entry<Integer, List<TrialResult>> e : state.results().entrySet()) {
            List<String> up = state.promotions().getOrDefault(e.getKey(), List.of());
            h.append("<h3>Rung ").append(e.getKey() + 1).append(": ").append(space.rungs().get(e.getKey()))
                    .append(" steps, ").append(e.getValue().size()).append(" trial(s)")
                    .append(e.getKey() + 1 < space.rungs().size() ? ", top 1/" + space.eta() + " promoted: "
                            + up.size() : "").append("</h3><table class=\"rung\"><tr><th>trial</th><th>")
                    .append(esc(space.metric())).append("</th><th>promoted</th></tr>");
            for (TrialResult r : e.getValue()) {
                h.append("<tr><td class=\"l\">").append(r.id()).append("</td><td>").append(fmt(r.metric()))
                        .append("</td><td>").append(up.contains(r.id()) ? "yes" : "").append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>The best run: ").append(best.id()).append("</h2><p><a href=\"")
                .append(esc(relative(best))).append("/report.html\">its report</a></p>");
        RunStore run = new RunStore(storage, best.run());
        try {
            h.append("<img id=\"best-grid\" alt=\"the best run's grid\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(run.read(RunStore.GRID))).append("\">");
        } catch (IOException e) {
            h.append("<p>(no grid: ").append(esc(e.getMessage())).append(")</p>");
        }
        return h.append("</body></html>").toString();
    }

    /** A trial's run folder relative to the sweep. */
    private static String relative(TrialResult r) {
        return "trials/" + r.id() + "/r" + r.rung();
    }

    private static byte[] scatter(SweepState state, SweepParam p, SweepSpace space) throws IOException {
        if (!p.numeric()) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(420).height(300).title(p.key()).xAxisTitle(p.key())
                .yAxisTitle(space.metric()).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(p.logScale());
        boolean any = false;
        for (Map.Entry<Integer, List<TrialResult>> e : state.results().entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (TrialResult r : e.getValue()) {
                if (r.ok() && r.params().get(p.key()) instanceof Number n) {
                    x.add(n.doubleValue());
                    y.add(r.metric());
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(space.rungs().get(e.getKey()) + " steps", x, y).setMarker(SeriesMarkers.CIRCLE);
                any = true;
            }
        }
        return any ? BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG) : null;
    }

    private static String value(Object v) {
        if (v instanceof Double d) {
            return Math.abs(d) < 1e-3 || Math.abs(d) >= 1e4 ? String.format("%.3g", d) : String.format("%.4f", d);
        }
        return String.valueOf(v);
    }

    private static String fmt(Double v) {
        return v == null ? "—" : String.format("%.4f", v);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
