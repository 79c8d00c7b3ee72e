package dev.self2face.job.pipeline;

import dev.self2face.job.run.ModelFolder;
import dev.self2face.job.run.PublishedModel;
import dev.self2face.job.run.RunStore;
import dev.self2face.storage.Storage;

/**
 * A model's live run as a pipeline finds it in {@code ROOT/models/<model>/}: none (the first run), a run whose
 * networks load, or a damaged one — LATEST naming nothing or a run that is not there, a run without its files, a
 * truncated {@code generator.zip} — with the reason. A damaged live model is reported and routed around: no warm
 * start from it, the candidate judged on its own (its final evaluation against the baselines, as a first model is),
 * and a candidate that passes replaces it.
 *
 * @param run    the live run's URI, or the folder's LATEST file when LATEST itself is damaged; null when there is
 *               no live model
 * @param damage why the live model cannot be used, or null
 */
record LiveModel(String run, String damage) {

    static LiveModel none() {
        return new LiveModel(null, null);
    }

    /** Finds and loads (to be sure it can be) the live model of the model folder {@code folder}. */
    static LiveModel find(Storage storage, String folder) {
        String run;
        try {
            run = ModelFolder.resolve(storage, folder);
        } catch (RuntimeException e) {
            return new LiveModel(folder + "/" + ModelFolder.LATEST, e.getMessage());
        }
        if (run.equals(folder)) {
            return none();
        }
        try {
            PublishedModel.load(new RunStore(storage, run));
            return new LiveModel(run, null);
        } catch (RuntimeException e) {
            // a truncated zip surfaces as whatever the reader throws (ZipException, EOFException wrapped, …)
            return new LiveModel(run, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    boolean exists() {
        return run != null;
    }

    boolean usable() {
        return run != null && damage == null;
    }

    /** The sentence for logs, the gate's reason and the dry run. */
    String describeDamage() {
        return "the live model " + run + " cannot be read (" + damage + "): the candidate is judged on its own";
    }
}
