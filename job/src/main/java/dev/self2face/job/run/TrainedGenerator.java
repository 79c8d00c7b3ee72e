package dev.self2face.job.run;

import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.ModelRegistry;
import dev.self2face.job.model.ModelType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The generator of a published run, checked to take what the command gives it (noise, a condition image) and to make
 * images of the size asked for.
 */
public final class TrainedGenerator {
    private final RunInfo info;
    private final ComputationGraph graph;

    private TrainedGenerator(RunInfo info, ComputationGraph graph) {
        this.info = info;
        this.graph = graph;
    }

    /**
     * @param size the image size the caller needs, or null for the run's own
     * @param input what the command gives the generator
     * @throws RunError when the run is unpublished, of a model whose generator does not take {@code input} or of
     *                  another size, or its generator cannot be read
     */
    public static TrainedGenerator load(RunStore run, GanInput input, Integer size) {
        RunInfo info = run.load();
        ModelType type = ModelRegistry.type(info.model);
        if (!type.inputs().contains(input)) {
            throw new RunError("run " + run.uri() + " is a " + info.model + " run (" + type.description()
                    + "); this command needs a model whose generator takes " + what(input));
        }
        if (size != null && size != info.size) {
            throw new RunError("run " + run.uri() + " makes " + info.size + "x" + info.size + " images, not " + size
                    + "x" + size);
        }
        try {
            ComputationGraph g = ModelSerializer.restoreComputationGraph(
                    new ByteArrayInputStream(run.read(RunStore.GENERATOR)), false);
            return new TrainedGenerator(info, g);
        } catch (IOException | RuntimeException e) {
            throw new RunError("run " + run.uri() + ": cannot read " + RunStore.GENERATOR + " (" + e.getMessage()
                    + ")");
        }
    }

    private static String what(GanInput input) {
        return input.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + String.join(", ",
                ModelRegistry.taking(input)) + ")";
    }

    public RunInfo info() {
        return info;
    }

    /**
     * G run as in training (batch statistics, dropout), in chunks of 64: the setting its grids were made with. The
     * inputs are G's, in the order of its graph inputs (noise; noise and attributes; a condition image).
     */
    public INDArray generate(INDArray... inputs) {
        List<INDArray> parts = new ArrayList<>();
        long n = inputs[0].size(0);
        for (long i = 0; i < n; i += 64) {
            long from = i;
            INDArray[] chunk = java.util.Arrays.stream(inputs).map(a -> a.get(
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(from, Math.min(n, from + 64)))).toArray(INDArray[]::new);
            parts.add(graph.output(true, chunk)[0]);
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }
}
