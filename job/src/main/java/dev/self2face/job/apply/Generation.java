package dev.self2face.job.apply;

import com.typesafe.config.Config;
import dev.self2face.job.data.Seeds;
import dev.self2face.job.data.SampleGrid;
import dev.self2face.job.model.GanInput;
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

/** Faces from noise with a published DCGAN run, as one grid PNG: the same seed gives the same faces. */
public final class Generation {
    private Generation() {
    }

    /**
     * @param size the image size the caller needs, or null for the run's own
     */
    public static void run(Config c, String model, int n, long seed, Integer size, String out) throws IOException {
        Storage storage = new Storage(StorageSettings.from(c));
        StorageCheck.reachable(storage, List.of(model, out));
        TrainedGenerator g = TrainedGenerator.load(new RunStore(storage, ModelFolder.resolve(storage, model)),
                GanInput.NOISE, size);
        INDArray z = Seeds.noise(seed, n, g.info().zDim);
        Nd4j.getRandom().setSeed(seed);
        INDArray faces = g.generate(z);
        storage.writeAtomically(Storage.path(out), SampleGrid.grid(faces, (int) Math.ceil(Math.sqrt(n))));
    }
}
