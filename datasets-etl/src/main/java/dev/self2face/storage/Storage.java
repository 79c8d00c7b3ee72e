package dev.self2face.storage;

import dev.self2face.config.ConfigError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.UUID;

/**
 * All file access goes through Hadoop's FileSystem API, so local paths, file://, s3a:// and hdfs:// are one code
 * path. Plain local paths are turned into file:// URIs.
 */
public final class Storage {
    /** A URI's scheme followed by its slash ({@code s3a://}, {@code file:/}); a colon alone may be in a file name. */
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:/");
    /** The characters Hadoop's and Spark's glob patterns give a meaning. */
    private static final Pattern GLOB = Pattern.compile("[\\[\\]{}*?\\\\]");

    private final Configuration conf;

    public Storage(StorageSettings settings) {
        this(hadoopConf(new Configuration(), settings));
    }

    public Storage(Configuration conf) {
        this.conf = conf;
    }

    public static Configuration hadoopConf(Configuration base, StorageSettings settings) {
        for (Map.Entry<String, String> e : settings.hadoopProperties().entrySet()) {
            base.set(e.getKey(), e.getValue());
        }
        return base;
    }

    public Configuration conf() {
        return conf;
    }

    /**
     * A URI or local path as a qualified Hadoop path (local paths become absolute file:// paths). The string is
     * taken literally, whatever characters the name holds ({@code [1]}, {@code 100%}, quotes, {@code <>}, {@code #}):
     * Hadoop's {@link Path} quotes them itself, and {@link Path#toString()} gives back the same string.
     */
    public static Path path(String uriOrPath) {
        if (!SCHEME.matcher(uriOrPath).find()) {
            return new Path(new File(uriOrPath).getAbsoluteFile().toURI());
        }
        return new Path(uriOrPath);
    }

    /**
     * {@code p} with the characters Hadoop's (and Spark's) glob patterns give a meaning escaped, so a reader that
     * globs its paths finds a file or folder whose name holds {@code [ ] { } * ? \}.
     */
    public static String globEscape(Path p) {
        return GLOB.matcher(p.toString()).replaceAll("\\\\$0");
    }

    public FileSystem fs(Path p) {
        try {
            return p.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * Expands inputs (files, directories searched recursively, globs) to the files under them, sorted by URI.
     * Hidden files (. or _ prefix) are skipped. A missing input, or a directory without files, is a
     * {@link ConfigError} naming it.
     */
    public List<FileStatus> listInputs(List<String> inputs) throws IOException {
        Map<String, FileStatus> out = new TreeMap<>();
        for (String in : inputs) {
            Path p = path(in);
            FileSystem fs = fs(p);
            // a file or folder of that very name first: "clip[1].avi" is a name, not a pattern, when it exists
            FileStatus[] matched = fs.exists(p) ? new FileStatus[] {fs.getFileStatus(p)} : fs.globStatus(p);
            if (matched == null || matched.length == 0) {
                throw new ConfigError("input " + in + ": no such file or directory");
            }
            int before = out.size();
            for (FileStatus st : matched) {
                if (st.isFile()) {
                    out.put(st.getPath().toString(), st);
                    continue;
                }
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(st.getPath(), true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    String name = f.getPath().getName();
                    if (!name.startsWith(".") && !name.startsWith("_")) {
                        out.put(f.getPath().toString(), f);
                    }
                }
            }
            if (out.size() == before && matched.length > 0 && !matched[0].isFile()) {
                throw new ConfigError("input " + in + ": no files in it (hidden files, . or _ first, are skipped)");
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Size + modification time, and the ETag where the store gives one: changes when the file does. */
    public static String fingerprint(FileStatus st) {
        String fp = "size=" + st.getLen() + ";mtime=" + st.getModificationTime();
        if (st instanceof EtagSource es && es.getEtag() != null && !es.getEtag().isEmpty()) {
            fp += ";etag=" + es.getEtag();
        }
        return fp;
    }

    /** Fails with a {@link ConfigError} unless a file can be created (and deleted) under {@code dir}. */
    public void checkWritable(String dir) {
        Path d = path(dir);
        Path probe = new Path(d, "_write-probe-" + UUID.randomUUID());
        try {
            FileSystem fs = fs(d);
            if (fs.exists(d) && !fs.getFileStatus(d).isDirectory()) {
                throw new ConfigError("output " + dir + ": exists and is not a directory");
            }
            try (FSDataOutputStream o = fs.create(probe, false)) {
                o.write(1);
            }
            fs.delete(probe, false);
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigError("output " + dir + ": not writable (" + e.getMessage() + ")");
        }
    }

    public boolean exists(Path p) throws IOException {
        return fs(p).exists(p);
    }

    public byte[] read(Path p) throws IOException {
        try (InputStream in = fs(p).open(p)) {
            return in.readAllBytes();
        }
    }

    /** Writes a small file so that readers see the old content or the new, never a part (temp + rename). */
    public void writeAtomically(Path p, byte[] bytes) throws IOException {
        FileSystem fs = fs(p);
        Path tmp = new Path(p.getParent(), "_tmp-" + p.getName() + "-" + UUID.randomUUID());
        try (FSDataOutputStream o = fs.create(tmp, true)) {
            o.write(bytes);
        }
        fs.delete(p, false);
        if (!fs.rename(tmp, p)) {
            throw new IOException("cannot move " + tmp + " to " + p);
        }
    }

    /** Copies a local file of any size to {@code p} so that {@code p} is whole or absent (temp + rename). */
    public void upload(File local, Path p) throws IOException {
        FileSystem fs = fs(p);
        Path tmp = new Path(p.getParent(), "_tmp-" + p.getName() + "-" + UUID.randomUUID());
        FileUtil.copy(local, fs, tmp, false, conf);
        fs.delete(p, false);
        if (!fs.rename(tmp, p)) {
            throw new IOException("cannot move " + tmp + " to " + p);
        }
    }

    /**
     * Replaces a small file in one step, so that a reader at any moment finds the old content or the new one and
     * never no file (unlike {@link #writeAtomically}, which deletes first): on S3 one PUT (an object appears whole
     * or not at all), on local disks an atomic rename over the old file, elsewhere (HDFS) Hadoop's rename with
     * overwrite.
     */
    public void replace(Path p, byte[] bytes) throws IOException {
        FileSystem fs = fs(p);
        if (p.toUri().getScheme() != null && p.toUri().getScheme().startsWith("s3")) {
            try (FSDataOutputStream o = fs.create(p, true)) {
                o.write(bytes);
            }
            return;
        }
        Path tmp = new Path(p.getParent(), "_tmp-" + p.getName() + "-" + UUID.randomUUID());
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            java.nio.file.Path target = Paths.get(p.toUri());
            java.nio.file.Path temp = Paths.get(tmp.toUri());
            Files.createDirectories(target.getParent());
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (FSDataOutputStream o = fs.create(tmp, true)) {
            o.write(bytes);
        }
        FileContext.getFileContext(p.toUri(), conf).rename(tmp, p, Options.Rename.OVERWRITE);
    }

    /** Total size of the files under a directory (0 if missing). */
    public long sizeOf(Path dir) throws IOException {
        FileSystem fs = fs(dir);
        return fs.exists(dir) ? fs.getContentSummary(dir).getLength() : 0;
    }
}
