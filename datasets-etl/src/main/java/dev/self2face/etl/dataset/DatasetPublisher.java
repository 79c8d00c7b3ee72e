package dev.self2face.etl.dataset;

import dev.self2face.storage.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The dataset's layout on storage and its atomic publish. A run writes its Parquet files under
 * {@code _tmp/<run>/}; the commit then (1) removes {@code _SUCCESS}, (2) moves the new files into place, (3) writes
 * the new {@code _manifest.json} (which lists exactly the files that make up the dataset), (4) deletes files no
 * manifest lists any more (replaced sources, leftovers of failed runs), (5) writes the contact sheet and (6)
 * {@code _SUCCESS} last. Readers refuse a dataset without {@code _SUCCESS} and read only the manifest's files, so
 * they never see a half-written dataset; until step 3 the old manifest still describes the old, untouched files.
 * Before step 6 every file the manifest lists is checked to exist. One run writes a dataset at a time
 * ({@link dev.self2face.storage.WriterLock}); it starts by removing what runs that died left behind.
 */
public final class DatasetPublisher {
    public static final String SUCCESS = "_SUCCESS";
    public static final String MANIFEST = "_manifest.json";
    public static final String CONTACT_SHEET = "contact-sheet.png";
    public static final String PAIRS = "pairs";
    public static final String REJECTS = "rejects";

    private final Storage storage;
    private final Path root;

    public DatasetPublisher(Storage storage, String root) {
        this.storage = storage;
        this.root = Storage.path(root);
    }

    public Path root() {
        return root;
    }

    public Path tmp(String runId) {
        return new Path(root, "_tmp/" + runId);
    }

    public boolean published() throws IOException {
        return storage.exists(new Path(root, SUCCESS));
    }

    public boolean hasContactSheet() throws IOException {
        return storage.exists(new Path(root, CONTACT_SHEET));
    }

    /**
     * Removes what runs that died left at the top of the dataset: {@code _tmp/} and the temporary files of
     * atomic writes ({@code _tmp-*}, {@code _write-probe-*}). Only for the lock's holder.
     *
     * @return how many entries were removed
     */
    public int removeLeftovers() throws IOException {
        FileSystem fs = storage.fs(root);
        if (!fs.exists(root)) {
            return 0;
        }
        int removed = 0;
        for (FileStatus st : fs.listStatus(root)) {
            String name = st.getPath().getName();
            if (name.equals("_tmp") || name.startsWith("_tmp-") || name.startsWith("_write-probe-")) {
                fs.delete(st.getPath(), true);
                removed++;
            }
        }
        return removed;
    }

    /** Files the manifest lists that are not on storage (relative paths, sorted). */
    public List<String> missingFiles(Manifest m) throws IOException {
        Set<String> present = new HashSet<>(dataFiles());
        return m.files("").stream().filter(f -> !present.contains(f)).sorted().toList();
    }

    /**
     * Removes from {@code m} the sources whose listed files are not all on storage (a dataset damaged by hand or
     * by a run outside this tool's lock), so that the run processes them again.
     *
     * @return the URIs of the sources removed
     */
    public List<String> dropSourcesWithMissingFiles(Manifest m) throws IOException {
        Set<String> missing = new HashSet<>(missingFiles(m));
        List<String> dropped = new ArrayList<>();
        if (missing.isEmpty()) {
            return dropped;
        }
        m.sources.values().removeIf(s -> {
            if (s.files.stream().anyMatch(missing::contains)) {
                dropped.add(s.uri);
                return true;
            }
            return false;
        });
        return dropped;
    }

    /** Relative paths of the Parquet files under pairs/ and rejects/. */
    private List<String> dataFiles() throws IOException {
        List<String> out = new ArrayList<>();
        String prefix = root.toUri().getPath();
        int cut = prefix.length() + (prefix.endsWith("/") ? 0 : 1);
        for (String dir : List.of(PAIRS, REJECTS)) {
            Path d = new Path(root, dir);
            FileSystem fs = storage.fs(d);
            if (!fs.exists(d)) {
                continue;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(d, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                if (p.getName().endsWith(".parquet")) {
                    out.add(p.toUri().getPath().substring(cut));
                }
            }
        }
        return out;
    }

    /** The current manifest, or null when the output holds no dataset yet. */
    public Manifest readManifest() throws IOException {
        Path m = new Path(root, MANIFEST);
        return storage.exists(m) ? Manifest.fromJson(storage.read(m)) : null;
    }

    public void beginCommit() throws IOException {
        Path s = new Path(root, SUCCESS);
        storage.fs(s).delete(s, false);
    }

    /** Moves this run's data files from {@code _tmp/<run>/} into the dataset; returns their relative paths. */
    public List<String> moveIn(String runId) throws IOException {
        Path from = tmp(runId);
        FileSystem fs = storage.fs(from);
        List<String> moved = new ArrayList<>();
        if (!fs.exists(from)) {
            return moved;
        }
        String prefix = from.toUri().getPath();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(from, true);
        List<Path> files = new ArrayList<>();
        while (it.hasNext()) {
            Path p = it.next().getPath();
            if (p.getName().endsWith(".parquet")) {
                files.add(p);
            }
        }
        for (Path p : files) {
            String rel = p.toUri().getPath().substring(prefix.length() + 1);
            Path dst = new Path(root, rel);
            fs.mkdirs(dst.getParent());
            if (!fs.rename(p, dst)) {
                throw new IOException("cannot move " + p + " to " + dst);
            }
            moved.add(rel);
        }
        return moved;
    }

    public void writeManifest(Manifest m) throws IOException {
        storage.writeAtomically(new Path(root, MANIFEST), m.toJson());
    }

    /** Deletes data files under pairs/ and rejects/ that the manifest does not list. */
    public int deleteUnreferenced(Manifest m) throws IOException {
        Set<String> keep = new HashSet<>(m.files(""));
        int deleted = 0;
        for (String rel : dataFiles()) {
            if (!keep.contains(rel)) {
                Path p = new Path(root, rel);
                storage.fs(p).delete(p, false);
                deleted++;
            }
        }
        return deleted;
    }

    public void writeContactSheet(byte[] png) throws IOException {
        storage.writeAtomically(new Path(root, CONTACT_SHEET), png);
    }

    /**
     * Checks that every file {@code m} lists exists, writes {@code _SUCCESS} and removes {@code _tmp/}. A
     * {@link DatasetError} instead when files are missing: nothing is published.
     */
    public void finish(String runId, Manifest m) throws IOException {
        List<String> missing = missingFiles(m);
        if (!missing.isEmpty()) {
            throw new DatasetError("dataset " + root + ": not published: " + missing.size() + " file(s) its "
                    + "manifest lists do not exist (first: " + missing.get(0) + ")");
        }
        storage.writeAtomically(new Path(root, SUCCESS), (runId + "\n").getBytes(StandardCharsets.UTF_8));
        Path tmpRoot = new Path(root, "_tmp");
        storage.fs(tmpRoot).delete(tmpRoot, true);
    }
}
