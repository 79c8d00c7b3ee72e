package dev.self2face.job.bench;

import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a graph's forward and backward time goes, by layer type: the graph is run vertex by vertex in its
 * topological order (forward, training mode) and back in reverse order (backward: loss layers given labels, other
 * outputs a gradient of ones), each vertex timed on its own. DL4J has no per-layer profiler, and a whole-step
 * timing cannot say which layer type is slow, so this walks the graph the way {@code ComputationGraph} does, without
 * workspaces. Parameter updates (Adam) are not in it.
 */
final class LayerProfile {
    /** Seconds per pass, forward and backward, summed over the layers of one type. */
    record Times(double forward, double backward) {
        Times plus(double f, double b) {
            return new Times(forward + f, backward + b);
        }
    }

    private LayerProfile() {
    }

    /**
     * Mean seconds per pass by layer type, over {@code reps} passes after one warm-up pass; {@code labels} for the
     * graph's loss layers (null entries for outputs without a loss).
     */
    static Map<String, Times> profile(ComputationGraph g, INDArray[] inputs, INDArray[] labels, int reps) {
        if (g.getFlattenedGradients() == null) {
            g.initGradientsView(); // a graph that has not been fitted yet has nowhere to put its gradients
        }
        Map<String, Times> total = new TreeMap<>();
        for (int r = 0; r <= reps; r++) {
            Map<String, Times> once = pass(g, inputs, labels);
            if (r > 0) {
                once.forEach((k, t) -> total.merge(k, t, (a, b) -> a.plus(b.forward(), b.backward())));
            }
        }
        Map<String, Times> mean = new TreeMap<>();
        total.forEach((k, t) -> mean.put(k, new Times(t.forward() / reps, t.backward() / reps)));
        return mean;
    }

    private static Map<String, Times> pass(ComputationGraph g, INDArray[] inputs, INDArray[] labels) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        GraphVertex[] v = g.getVertices();
        int[] order = g.topologicalSortOrder();
        List<String> inputNames = g.getConfiguration().getNetworkInputs();
        List<String> outputNames = g.getConfiguration().getNetworkOutputs();
        INDArray[] out = new INDArray[v.length];
        Map<String, Times> times = new TreeMap<>();
        for (int idx : order) {
            GraphVertex x = v[idx];
            if (x.isInputVertex()) {
                out[idx] = inputs[inputNames.indexOf(x.getVertexName())];
                continue;
            }
            for (VertexIndices in : x.getInputVertices()) {
                x.setInput(in.getVertexEdgeNumber(), out[in.getVertexIndex()], mgr);
            }
            long t0 = System.nanoTime();
            out[idx] = x.doForward(true, mgr);
            Nd4j.getExecutioner().commit();
            times.merge(type(x), new Times((System.nanoTime() - t0) / 1e9, 0), (a, b) -> a.plus(b.forward(), 0));
        }
        INDArray[] eps = new INDArray[v.length];
        for (int i = order.length - 1; i >= 0; i--) {
            GraphVertex x = v[order[i]];
            if (x.isInputVertex()) {
                continue;
            }
            int o = outputNames.indexOf(x.getVertexName());
            if (o >= 0 && x.hasLayer() && x.getLayer() instanceof IOutputLayer ol) {
                ol.setLabels(labels[o]);
            } else if (o >= 0) {
                // an output without a loss (G's image): any gradient of its shape costs the same
                x.setEpsilon(Nd4j.onesLike(out[order[i]]));
            } else {
                x.setEpsilon(eps[order[i]]);
            }
            long t0 = System.nanoTime();
            Pair<?, INDArray[]> back = x.doBackward(false, mgr);
            Nd4j.getExecutioner().commit();
            times.merge(type(x), new Times(0, (System.nanoTime() - t0) / 1e9), (a, b) -> a.plus(0, b.backward()));
            VertexIndices[] ins = x.getInputVertices();
            for (int j = 0; j < ins.length; j++) {
                INDArray e = back.getSecond()[j];
                int to = ins[j].getVertexIndex();
                eps[to] = eps[to] == null ? e.dup() : eps[to].addi(e);
            }
        }
        return times;
    }

    /** The layer's class (ConvolutionLayer, Deconvolution2DLayer, BatchNormalization, …) or the vertex's. */
    private static String type(GraphVertex x) {
        return x.hasLayer() ? x.getLayer().getClass().getSimpleName() : x.getClass().getSimpleName();
    }

    static String table(String model, Map<String, Times> g, Map<String, Times> d) {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(model).append(" | layer type | forward (s) | backward (s) |\n|---|---|---:|---:|\n");
        for (var e : List.of(Map.entry("G", g), Map.entry("D", d))) {
            e.getValue().entrySet().stream()
                    .sorted((a, c) -> Double.compare(c.getValue().forward() + c.getValue().backward(),
                            a.getValue().forward() + a.getValue().backward()))
                    .forEach(t -> b.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f |%n", e.getKey(),
                            t.getKey(), t.getValue().forward(), t.getValue().backward())));
        }
        return b.toString();
    }
}
