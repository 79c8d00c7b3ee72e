package dev.self2face.job.run;

import dev.self2face.job.model.ModelKind;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The generator of a published run, checked to be of the expected model kind (and size, when one is asked for). */
public final class TrainedGenerator {
    private final RunInfo info;
    private final ComputationGraph graph;

    private TrainedGenerator(RunInfo info, ComputationGraph graph) {
        this.info = info;
        this.graph = graph;
    }

    /**
     * @param size the image size the caller needs, or null for the run's own
     * @throws RunError when the run is unpublished, of another kind or size, or its generator cannot be read
     */
    public static TrainedGenerator load(RunStore run, ModelKind expected, Integer size) {
        RunInfo info = run.load();
        if (!expected.id().equals(info.model)) {
            throw new RunError("run " + run.uri() + " is a " + info.model + " run; this command needs a "
                    + expected.id() + " run");
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

    public RunInfo info() {
        return info;
    }

    /** G run as in training (batch statistics, dropout), in chunks of 64: the setting its grids were made with. */
    public INDArray generate(INDArray inputs) {
        List<INDArray> parts = new ArrayList<>();
        long n = inputs.size(0);
        for (long i = 0; i < n; i += 64) {
            INDArray chunk = inputs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, Math.min(n, i + 64)));
            parts.add(graph.output(true, chunk)[0]);
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }
}
