package dev.self2face.job.apply;

import dev.self2face.config.ConfigError;
import dev.self2face.job.data.SampleGrid;
import dev.self2face.job.data.Seeds;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.ModelRegistry;
import dev.self2face.job.run.ModelFolder;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.run.TrainedGenerator;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.List;

/**
 * Faces from noise with a published run, as one grid PNG: the same seed gives the same faces. A conditional run
 * (cdcgan) is also given attributes ({@link AttributeRequest}): fixed by {@code labels}, or swept across each row.
 */
public final class Generation {
    private Generation() {
    }

    /** What to generate: {@code n} faces (a sweep: {@code n} rows), with attributes for a conditional model. */
    public record Request(int n, long seed, Integer size, String labels, String sweep) {
    }

    /** @return the number of faces written */
    public static int run(StorageSettings storageSettings, String model, Request q, String out) throws IOException {
        String name = out.substring(out.lastIndexOf('/') + 1);
        if (name.contains(".") && !name.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new ConfigError("--out " + out + ": generate writes a PNG grid; name the file .png");
        }
        Storage storage = new Storage(storageSettings);
        StorageCheck.reachable(storage, List.of(model, out));
        RunStore run = new RunStore(storage, ModelFolder.resolve(storage, model));
        TrainedGenerator g = TrainedGenerator.load(run, GanInput.NOISE, q.size());
        boolean conditional = ModelRegistry.type(g.info().model).inputs().contains(GanInput.LABELS);
        if (!conditional && (q.labels() != null || q.sweep() != null)) {
            throw new ConfigError((q.labels() != null ? "--labels" : "--sweep") + ": run " + run.uri() + " is a "
                    + g.info().model + " run, which takes no attributes (a conditional model does: cdcgan)");
        }
        int count = q.sweep() != null ? q.n() * AttributeRequest.SWEEP_STEPS : q.n();
        INDArray z = Seeds.noise(q.seed(), q.sweep() != null ? q.n() : count, g.info().zDim);
        INDArray[] in;
        if (!conditional) {
            in = new INDArray[] {z};
        } else {
            AttributeRequest a = AttributeRequest.parse(g.info(), q.labels());
            in = q.sweep() != null ? new INDArray[] {repeatRows(z, AttributeRequest.SWEEP_STEPS),
                    a.sweep(q.sweep(), q.n(), q.seed())} : new INDArray[] {z, a.vectors(count, q.seed())};
        }
        Nd4j.getRandom().setSeed(q.seed());
        INDArray faces = g.generate(in);
        int columns = q.sweep() != null ? AttributeRequest.SWEEP_STEPS : (int) Math.ceil(Math.sqrt(count));
        storage.writeAtomically(Storage.path(out), SampleGrid.grid(faces, columns));
        return count;
    }

    /** Each row of {@code a} repeated {@code times} times in place. */
    private static INDArray repeatRows(INDArray a, int times) {
        return a.repeat(0, times);
    }
}
