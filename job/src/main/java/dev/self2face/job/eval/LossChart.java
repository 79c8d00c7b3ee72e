package dev.self2face.job.eval;

import dev.self2face.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** {@code loss.png}: every figure of metrics.jsonl (losses, D's outputs, metrics) over the steps, drawn with XChart. */
public final class LossChart {

    private LossChart() {
    }

    /** @param isFigure which fields of a line are figures to plot (the others are bookkeeping) */
    public static byte[] png(List<String> metricsLines, Predicate<String> isFigure, String title) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (String line : metricsLines) {
            try {
                JsonNode n = Json.MAPPER.readTree(line);
                double step = n.get("step").asDouble();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    double v = f.getValue().asDouble();
                    if (isFigure.test(f.getKey()) && f.getValue().isNumber() && Double.isFinite(v) && v > 0) {
                        series.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(new double[] {step, v});
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step")
                .yAxisTitle("value").build();
        chart.getStyler().setLegendVisible(true);
        // losses, D's probabilities and L1 figures differ by orders of magnitude
        chart.getStyler().setYAxisLogarithmic(true);
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
