package dev.self2face.job.train;

import dev.self2face.job.model.GanGraphs;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.run.RunStore;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Checkpoints of a run: the adversarial graph (G's parameters and G's Adam state; D inside it is a copy) and D with
 * its Adam state, each a DL4J ModelSerializer zip with its iteration count, G's moving average where the run keeps
 * one, plus {@link TrainState}. Randomness needs
 * no saved generator state: every step reseeds ND4J's generator from (seed, step) and the data order is a function
 * of (seed, step) too.
 */
final class Checkpoints {
    static final String ADVERSARIAL = "adversarial.zip";
    static final String DISCRIMINATOR = "discriminator.zip";
    static final String STATE = "state.json";
    /** G's moving average, when the run keeps one (parameters only: it has no optimiser). */
    static final String AVERAGE = "generator-average.zip";

    private Checkpoints() {
    }

    static void save(RunStore run, GanModel model, TrainState state, int keep) throws IOException {
        String dir = RunStore.checkpointDir(state.step) + "/";
        run.write(dir + ADVERSARIAL, zip(model.graphs().adversarial(), true));
        run.write(dir + DISCRIMINATOR, zip(model.graphs().discriminator(), true));
        if (model.graphs().average() != null) {
            run.write(dir + AVERAGE, zip(model.graphs().average(), false));
        }
        run.writeJson(dir + STATE, state);
        run.completeCheckpoint(state.step, keep);
    }

    static TrainState loadState(RunStore run, long step) throws IOException {
        return RunStoreJson.read(run.read(RunStore.checkpointDir(step) + "/" + STATE), TrainState.class);
    }

    /** The model of a checkpoint: a fresh model's G, with parameters from the saved adversarial graph. */
    static GanModel load(RunStore run, long step, ModelSettings s) throws IOException {
        String dir = RunStore.checkpointDir(step) + "/";
        ComputationGraph adversarial = restore(run.read(dir + ADVERSARIAL));
        ComputationGraph discriminator = restore(run.read(dir + DISCRIMINATOR));
        ComputationGraph generator = s.create().graphs().generator();
        GanGraphs.copy(adversarial, generator, GanGraphs.G_PREFIX);
        GanGraphs graphs = new GanGraphs(generator, discriminator, adversarial, s.powerIterations(), s.smallData());
        if (graphs.average() != null) {
            graphs.average().params().assign(restore(run.read(dir + AVERAGE)).params());
        }
        return s.type().restore(s, graphs);
    }

    static byte[] zip(ComputationGraph graph, boolean withUpdater) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, out, withUpdater);
        return out.toByteArray();
    }

    static ComputationGraph restore(byte[] zip) throws IOException {
        return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip), true);
    }
}
