package dev.self2face.etl.dataset;

import dev.self2face.etl.storage.Storage;
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
        for (String dir : List.of(PAIRS, REJECTS)) {
            Path d = new Path(root, dir);
            FileSystem fs = storage.fs(d);
            if (!fs.exists(d)) {
                continue;
            }
            String prefix = root.toUri().getPath();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(d, true);
            List<Path> doomed = new ArrayList<>();
            while (it.hasNext()) {
                Path p = it.next().getPath();
                String rel = p.toUri().getPath().substring(prefix.length() + (prefix.endsWith("/") ? 0 : 1));
                if (p.getName().endsWith(".parquet") && !keep.contains(rel)) {
                    doomed.add(p);
                }
            }
            for (Path p : doomed) {
                fs.delete(p, false);
                deleted++;
            }
        }
        return deleted;
    }

    public void writeContactSheet(byte[] png) throws IOException {
        storage.writeAtomically(new Path(root, CONTACT_SHEET), png);
    }

    /**
     * Writes {@code _SUCCESS} and removes {@code _tmp/}, this run's and what runs that died left there (one ETL run
     * writes a dataset at a time).
     */
    public void finish(String runId) throws IOException {
        storage.writeAtomically(new Path(root, SUCCESS), (runId + "\n").getBytes(StandardCharsets.UTF_8));
        Path tmpRoot = new Path(root, "_tmp");
        storage.fs(tmpRoot).delete(tmpRoot, true);
    }
}
