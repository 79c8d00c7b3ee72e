package dev.self2face.job.run;

import dev.self2face.storage.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model folder, {@code ROOT/models/<model>/}: published runs by pipeline run id, and {@value #LATEST}, one small
 * file naming the live one. A run is copied in whole ({@code _SUCCESS} last) before LATEST names it, and LATEST is
 * replaced in one write ({@link Storage#replace}), so a reader finds the old live model or the new one, never half of
 * one. Commands that take a run ({@code generate}, {@code translate}, {@code training.init-from}) accept a model
 * folder and follow its LATEST.
 * <pre>
 * ROOT/models/pix2pix/LATEST                       "20261130T064233Z"
 * ROOT/models/pix2pix/20261130T064233Z/…           a published run (generator.zip, report.html, _SUCCESS, …)
 * </pre>
 */
public final class ModelFolder {
    public static final String LATEST = "LATEST";

    private final Storage storage;
    private final String uri;

    public ModelFolder(Storage storage, String uri) {
        this.storage = storage;
        this.uri = strip(uri);
    }

    /** {@code uri}'s live run when it is a model folder with a LATEST, else {@code uri} itself (a run folder). */
    public static String resolve(Storage storage, String uri) {
        try {
            Optional<String> live = new ModelFolder(storage, uri).latest();
            return live.map(id -> strip(uri) + "/" + id).orElse(uri);
        } catch (IOException e) {
            throw new RunError(uri + ": cannot read its " + LATEST + " (" + e.getMessage() + ")");
        }
    }

    public String uri() {
        return uri;
    }

    /** The id LATEST names, if the folder has one. */
    public Optional<String> latest() throws IOException {
        Path p = Storage.path(uri + "/" + LATEST);
        if (!storage.exists(p)) {
            return Optional.empty();
        }
        String id = new String(storage.read(p), StandardCharsets.UTF_8).trim();
        if (id.isEmpty() || id.contains("/")) {
            throw new RunError(p + ": does not name a run (\"" + id + "\")");
        }
        return Optional.of(id);
    }

    public String runUri(String id) {
        return uri + "/" + id;
    }

    public RunStore run(String id) {
        return new RunStore(storage, runUri(id));
    }

    /**
     * Copies a published candidate run (without its checkpoints) to {@code <id>/}, writes its {@code _SUCCESS} last,
     * then makes LATEST name it. A copy a killed publish left is replaced.
     *
     * @return the published run's URI
     */
    public String publish(RunStore candidate, String id) throws IOException {
        if (!candidate.published()) {
            throw new RunError("run " + candidate.uri() + " is not published: not copying it to " + uri);
        }
        RunStore target = run(id);
        if (!target.published()) {
            Path to = Storage.path(target.uri());
            FileSystem toFs = storage.fs(to);
            toFs.delete(to, true);
            Path from = Storage.path(candidate.uri());
            FileSystem fromFs = storage.fs(from);
            String base = fromFs.getFileStatus(from).getPath().toString();
            RemoteIterator<LocatedFileStatus> it = fromFs.listFiles(from, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                String rel = p.toString().substring(base.length() + 1);
                if (rel.startsWith("checkpoints/") || rel.equals(RunStore.SUCCESS) || p.getName().startsWith("_")) {
                    continue;
                }
                FileUtil.copy(fromFs, p, toFs, new Path(to, rel), false, storage.conf());
            }
            target.publish();
        }
        storage.replace(Storage.path(uri + "/" + LATEST), (id + "\n").getBytes(StandardCharsets.UTF_8));
        return target.uri();
    }

    /**
     * Removes run folders without {@code _SUCCESS} (what a publish that was killed mid-copy left); LATEST never
     * names one.
     *
     * @return the ids removed
     */
    public List<String> removeUnfinished() throws IOException {
        Path dir = Storage.path(uri);
        List<String> removed = new ArrayList<>();
        FileSystem fs = storage.fs(dir);
        if (!fs.exists(dir)) {
            return removed;
        }
        for (FileStatus st : fs.listStatus(dir)) {
            if (st.isDirectory() && !st.getPath().getName().startsWith("_")
                    && !fs.exists(new Path(st.getPath(), RunStore.SUCCESS))) {
                fs.delete(st.getPath(), true);
                removed.add(st.getPath().getName());
            }
        }
        return removed;
    }

    private static String strip(String uri) {
        String u = uri;
        while (u.endsWith("/") && u.length() > 1) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
