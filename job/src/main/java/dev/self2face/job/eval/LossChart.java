package dev.self2face.job.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code loss.png}: the losses (and D's outputs) of metrics.jsonl over the steps, drawn with XChart. */
public final class LossChart {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, java.awt.Color> COLORS = Map.of("d_loss", new java.awt.Color(0x1f77b4),
            "g_loss", new java.awt.Color(0xff7f0e), "g_l1", new java.awt.Color(0x9467bd),
            "d_x", new java.awt.Color(0x2ca02c), "d_g_z", new java.awt.Color(0xd62728),
            "val_l1", new java.awt.Color(0x17becf));

    private LossChart() {
    }

    public static byte[] png(List<String> metricsLines, String title) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (String f : List.of("d_loss", "g_loss", "g_l1", "d_x", "d_g_z", "val_l1")) {
            series.put(f, new ArrayList<>());
        }
        for (String line : metricsLines) {
            try {
                JsonNode n = JSON.readTree(line);
                double step = n.get("step").asDouble();
                for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
                    JsonNode v = n.get(e.getKey());
                    if (v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
                        e.getValue().add(new double[] {step, v.asDouble()});
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step")
                .yAxisTitle("value").build();
        chart.getStyler().setLegendVisible(true);
        // pix2pix's G loss (~λ·L1) and D's ~0.7 differ by two orders of magnitude
        chart.getStyler().setYAxisLogarithmic(true);
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE).setLineColor(COLORS.get(e.getKey()));
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
