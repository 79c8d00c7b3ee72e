package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import dev.self2face.job.eval.SampleGrid;
import dev.self2face.job.model.ModelKind;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.run.TrainedGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face generate}: faces from noise with a published DCGAN run, as one grid PNG. */
@Command(name = "generate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Sample faces from a trained DCGAN run (z ~ N(0, 1)) into a grid PNG.")
public class GenerateCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A published DCGAN run.")
    String model;

    @Option(names = "--n", defaultValue = "64", description = "Number of faces.")
    int n;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "The grid (local path or URI).")
    String out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the noise (same seed, same faces).")
    long seed;

    @Option(names = "--size", paramLabel = "S", description = "Fail unless the run makes images of this size.")
    Integer size;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 4096) {
            throw new dev.self2face.config.ConfigError("--n " + n + ": must be between 1 and 4096");
        }
        Config c = config.load(List.of());
        Storage storage = new Storage(StorageSettings.from(c));
        StorageCheck.reachable(storage, List.of(model, out));
        TrainedGenerator g = TrainedGenerator.load(new RunStore(storage, model), ModelKind.DCGAN, size);
        INDArray z = Nd4j.getRandomFactory().getNewRandomInstance(seed)
                .nextGaussian(new long[] {n, g.info().zDim}).castTo(DataType.FLOAT);
        Nd4j.getRandom().setSeed(seed);
        INDArray faces = g.generate(z);
        storage.writeAtomically(Storage.path(out), SampleGrid.grid(faces, (int) Math.ceil(Math.sqrt(n))));
        System.out.println("wrote " + n + " faces to " + out);
        return 0;
    }

    @Override
    public String subject() {
        return "faces into " + out;
    }
}
