package dev.self2face.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The report's plots: figures of metrics.jsonl over the steps, with baselines as dashed lines (XChart PNGs). */
final class ReportCharts {
    private ReportCharts() {
    }

    /**
     * One chart of the fields {@code include} picks from {@code lines}, plus a dashed horizontal line per baseline;
     * null when no line has any of those fields.
     */
    static byte[] chart(String title, List<JsonNode> lines, Predicate<String> include, Map<String, Double> baselines,
                        boolean logarithmic) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        double firstStep = Double.NaN;
        double lastStep = Double.NaN;
        for (JsonNode n : lines) {
            double step = n.path("step").asDouble();
            for (var it = n.fields(); it.hasNext(); ) {
                var f = it.next();
                double v = f.getValue().asDouble();
                if (include.test(f.getKey()) && f.getValue().isNumber() && Double.isFinite(v)
                        && (!logarithmic || v > 0)) {
                    series.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(new double[] {step, v});
                    firstStep = Double.isNaN(firstStep) ? step : Math.min(firstStep, step);
                    lastStep = Double.isNaN(lastStep) ? step : Math.max(lastStep, step);
                }
            }
        }
        if (series.isEmpty()) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(640).height(320).title(title).xAxisTitle("step").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            chart.addSeries(e.getKey(), column(e.getValue(), 0), column(e.getValue(), 1)).setMarker(
                    e.getValue().size() < 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        for (Map.Entry<String, Double> b : baselines.entrySet()) {
            if (Double.isFinite(b.getValue()) && (!logarithmic || b.getValue() > 0)) {
                chart.addSeries(b.getKey(), new double[] {firstStep, Math.max(lastStep, firstStep + 1)},
                        new double[] {b.getValue(), b.getValue()}).setMarker(SeriesMarkers.NONE)
                        .setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Column {@code c} of (step, value) points. */
    private static double[] column(List<double[]> points, int c) {
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = points.get(i)[c];
        }
        return out;
    }
}
