package dev.self2face.job.train;

import dev.self2face.config.ConfigError;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.run.ModelFolder;
import dev.self2face.job.run.PublishedModel;
import dev.self2face.job.run.RunError;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import dev.self2face.storage.Storage;

/**
 * {@code training.init-from}: a fresh run that starts from a published run's G and D weights (Adam's state starts
 * anew). The pipeline's warm start; checked before Spark starts to be the same model at the same size and widths.
 */
public final class WarmStart {
    private WarmStart() {
    }

    public static void check(Storage storage, String uri, ModelSettings m) {
        RunInfo info;
        String run = ModelFolder.resolve(storage, uri);
        try {
            info = new RunStore(storage, run).load();
        } catch (RunError e) {
            throw new ConfigError("config key 'training.init-from' = " + uri + ": " + e.getMessage());
        }
        ModelSettings from = PublishedModel.settings(info);
        if (!from.kind().equals(m.kind()) || from.size() != m.size() || from.ngf() != m.ngf()
                || from.ndf() != m.ndf() || from.zDim() != m.zDim() || from.spectralNorm() != m.spectralNorm()) {
            throw new ConfigError("config key 'training.init-from' = " + uri + ": its run " + run + " is a "
                    + describe(from) + "; this run is a " + describe(m) + " (warm starts need the same networks)");
        }
    }

    static void apply(Storage storage, String uri, GanModel model) {
        String run = ModelFolder.resolve(storage, uri);
        PublishedModel.copyWeights(new RunStore(storage, run), model);
        TrainProgress.info("warm start: G and D start from the weights of " + run);
    }

    private static String describe(ModelSettings s) {
        return s.kind() + " at " + s.size() + "x" + s.size() + " (ngf " + s.ngf() + ", ndf " + s.ndf()
                + (s.zDim() > 0 ? ", z-dim " + s.zDim() : "") + (s.spectralNorm() ? ", spectral norm" : "") + ")";
    }
}
