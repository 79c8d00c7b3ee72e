package dev.self2face.job.report;

import dev.self2face.job.run.RunError;
import dev.self2face.job.run.RunStore;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code report}: (re)builds a run's report.html from its files — local, s3a:// or hdfs://, finished or not. */
public final class ReportRun {
    private ReportRun() {
    }

    /** @param out where to write, or null for the run's own {@value RunStore#REPORT}; returns where it wrote */
    public static String run(StorageSettings storageSettings, String runUri, String out) throws IOException {
        Storage storage = new Storage(storageSettings);
        List<String> uris = new ArrayList<>(List.of(runUri));
        if (out != null) {
            uris.add(out);
        }
        StorageCheck.reachable(storage, uris);
        RunStore run = new RunStore(storage, runUri);
        if (!run.exists(RunStore.INFO)) {
            throw new RunError("run " + runUri + ": not a self2face training run (no " + RunStore.INFO + ")");
        }
        byte[] html = RunReport.html(run);
        if (out == null) {
            run.write(RunStore.REPORT, html);
            return run.uri() + "/" + RunStore.REPORT;
        }
        storage.writeAtomically(Storage.path(out), html);
        return out;
    }
}
