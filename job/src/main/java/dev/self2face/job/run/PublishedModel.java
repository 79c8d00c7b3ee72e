package dev.self2face.job.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.self2face.config.ConfigLoader;
import dev.self2face.job.model.GanGraphs;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A published run's whole model (G and D) as a {@link GanModel}: to measure it next to a candidate on the same val
 * pairs, and to start a new run from its weights. The model is rebuilt from the settings its run recorded, then G's
 * and D's parameters (batch-norm statistics included) are copied in from generator.zip and discriminator.zip.
 */
public final class PublishedModel {
    private PublishedModel() {
    }

    /** The model settings a run was trained with, from the config recorded in its run.json. */
    public static ModelSettings settings(RunInfo info) {
        Config c = ConfigFactory.empty();
        for (String section : List.of("model", "training")) {
            if (info.config.get(section) instanceof Map<?, ?> flat) {
                for (Map.Entry<?, ?> e : flat.entrySet()) {
                    c = c.withValue(section + "." + e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
                }
            }
        }
        return ModelSettings.from(c.withFallback(ConfigLoader.load(List.of(), List.of())));
    }

    /** The model of a published run (or of a model folder's live run). */
    public static GanModel load(RunStore run) {
        RunInfo info = run.load();
        GanModel model = settings(info).create();
        copyWeights(run, model);
        return model;
    }

    /** Sets {@code into}'s G and D parameters to a published run's (same model and widths: check that first). */
    public static void copyWeights(RunStore run, GanModel into) {
        try {
            ComputationGraph g = restore(run.read(RunStore.GENERATOR));
            ComputationGraph d = restore(run.read(RunStore.DISCRIMINATOR));
            GanGraphs graphs = into.graphs();
            GanGraphs.copy(g, graphs.generator(), GanGraphs.G_PREFIX);
            GanGraphs.copy(g, graphs.adversarial(), GanGraphs.G_PREFIX);
            if (graphs.average() != null) {
                // the published G is the run's moving average: the average of a loaded model starts there
                GanGraphs.copy(g, graphs.average(), GanGraphs.G_PREFIX);
            }
            GanGraphs.copy(d, graphs.discriminator(), GanGraphs.D_PREFIX);
            GanGraphs.copy(d, graphs.adversarial(), GanGraphs.D_PREFIX);
        } catch (IOException | RuntimeException e) {
            throw new RunError("run " + run.uri() + ": cannot read its networks (" + e.getMessage() + ")");
        }
    }

    private static ComputationGraph restore(byte[] zip) throws IOException {
        return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip), false);
    }
}
