package dev.self2face.storage;

import dev.self2face.json.Json;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One writer per dataset or run: a {@value #NAME} file in the output directory naming its holder (host, process,
 * start time, what it is doing). It is created with Hadoop's exclusive create, refreshed by a heartbeat while the
 * holder works, and deleted when it is done. A lock is stale, and taken over with a warning, when its holder is a
 * dead process on this host, or when its heartbeat is older than the stale time (a holder on another host that
 * died).
 *
 * <p>What it guarantees depends on the filesystem. On local disks and HDFS, create-if-absent and rename are atomic:
 * of two runs, exactly one gets the lock. S3 (hadoop-aws 3.3) has no exclusive create: S3A checks that the object
 * is absent, then writes it. The lock narrows the race to the time between two runs' check and write, and each
 * holder reads the lock back after writing it and backs off if another run's token is there; two runs started
 * within a fraction of a second of each other on S3 can still both proceed.
 */
public final class WriterLock implements AutoCloseable {
    public static final String NAME = "_LOCK";
    private static final Logger LOG = LoggerFactory.getLogger("self2face.lock");

    /** What a lock file holds. */
    public static final class Holder {
        public String host;
        public long pid;
        public String startedAt;
        public String what;
        public String token;

        String describe() {
            return what + " on host " + host + ", pid " + pid + ", since " + startedAt;
        }
    }

    private final FileSystem fs;
    private final Path path;
    private final Holder self;
    private final ScheduledExecutorService heartbeat;

    private WriterLock(FileSystem fs, Path path, Holder self, Duration stale) {
        this.fs = fs;
        this.path = path;
        this.self = self;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "self2face-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, stale.toSeconds() / 4);
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.SECONDS);
    }

    /**
     * Takes the lock of {@code dir} for {@code what} (e.g. "etl run 2026…"), or fails with a {@link StorageError}
     * naming the holder when another live run has it.
     */
    public static WriterLock acquire(Storage storage, String dir, String what, Duration stale) {
        Path path = new Path(Storage.path(dir), NAME);
        FileSystem fs = raw(storage.fs(path));
        Holder self = new Holder();
        self.host = hostName();
        self.pid = ProcessHandle.current().pid();
        self.startedAt = Instant.now().toString();
        self.what = what;
        self.token = UUID.randomUUID().toString();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                if (create(fs, path, self)) {
                    Optional<Holder> back = read(fs, path);
                    if (back.isPresent() && self.token.equals(back.get().token)) {
                        return new WriterLock(fs, path, self, stale);
                    }
                    // on S3 another run's write replaced ours between our check and our write: it holds the lock
                }
                Optional<Holder> holder = read(fs, path);
                if (holder.isEmpty()) {
                    continue; // released in the meantime
                }
                String why = staleReason(fs, path, holder.get(), stale);
                if (why == null) {
                    throw held(dir, path, holder.get(), stale);
                }
                LOG.warn("taking over the lock of {}: {} ({})", dir, holder.get().describe(), why);
                // a rename has one winner on local disks and HDFS, so two runs cannot both take over
                Path aside = new Path(path.getParent(), NAME + ".stale-" + self.token);
                if (fs.rename(path, aside)) {
                    fs.delete(aside, false);
                }
            }
            throw new StorageError(dir + ": could not take its lock " + path + " (other runs keep taking it)");
        } catch (IOException e) {
            throw new StorageError(dir + ": cannot write its lock " + path + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Fails with the same {@link StorageError} as {@link #acquire} when another live run holds {@code dir}'s lock;
     * takes nothing. For checks before a long start-up (Spark), so a run that would be refused is refused at once.
     */
    public static void checkFree(Storage storage, String dir, Duration stale) {
        Path path = new Path(Storage.path(dir), NAME);
        FileSystem fs = raw(storage.fs(path));
        try {
            Optional<Holder> holder = read(fs, path);
            if (holder.isPresent() && staleReason(fs, path, holder.get(), stale) == null) {
                throw held(dir, path, holder.get(), stale);
            }
        } catch (IOException e) {
            throw new StorageError(dir + ": cannot read its lock " + path + " (" + e.getMessage() + ")", e);
        }
    }

    private static StorageError held(String dir, Path path, Holder holder, Duration stale) {
        return new StorageError(dir + " is being written by another self2face run (" + holder.describe()
                + "). Wait for it to finish. If that run is dead, its lock " + path + " is taken over "
                + stale.toSeconds() + " s after its last heartbeat (storage.lock-stale-seconds), or at once from its "
                + "own host");
    }

    /** The holder of {@code dir}'s lock, if it is locked (for {@code inspect}). */
    public static Optional<Holder> holder(Storage storage, String dir) throws IOException {
        Path path = new Path(Storage.path(dir), NAME);
        return read(raw(storage.fs(path)), path);
    }

    /** Local disks without Hadoop's checksum files (a lock is rewritten while it is read). */
    private static FileSystem raw(FileSystem fs) {
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    private static boolean create(FileSystem fs, Path path, Holder self) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(self);
        if (fs instanceof RawLocalFileSystem) {
            // Hadoop's local create checks, then opens: the operating system's create-new is atomic
            fs.mkdirs(path.getParent());
            try {
                Files.write(Paths.get(path.toUri()), bytes, StandardOpenOption.CREATE_NEW);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        }
        try (FSDataOutputStream out = fs.create(path, false)) {
            out.write(bytes);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(path)) {
                return false; // some filesystems say "already exists" with a plain IOException
            }
            throw e;
        }
    }

    private static Optional<Holder> read(FileSystem fs, Path path) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try (var in = fs.open(path)) {
                return Optional.of(Json.MAPPER.readValue(in.readAllBytes(), Holder.class));
            } catch (FileNotFoundException e) {
                return Optional.empty();
            } catch (IOException e) {
                if (attempt == 3) {
                    // not a lock we wrote (or one cut off mid-write long ago): treat it as held by an unknown run
                    Holder unknown = new Holder();
                    unknown.what = "an unreadable lock";
                    unknown.host = "?";
                    unknown.startedAt = "?";
                    unknown.token = "";
                    return Optional.of(unknown);
                }
                sleep(200); // a heartbeat rewriting it
            }
        }
    }

    /** Why the holder's lock is stale, or null while its holder may still be working. */
    private static String staleReason(FileSystem fs, Path path, Holder h, Duration stale) throws IOException {
        if (hostName().equals(h.host)) {
            Optional<ProcessHandle> p = ProcessHandle.of(h.pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return "that process is no longer running";
            }
            Optional<Instant> started = p.get().info().startInstant();
            if (started.isPresent() && h.startedAt != null && !"?".equals(h.startedAt)
                    && started.get().isAfter(Instant.parse(h.startedAt))) {
                return "its process id now belongs to a newer process";
            }
        }
        FileStatus st;
        try {
            st = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return "released";
        }
        long age = System.currentTimeMillis() - st.getModificationTime();
        return age > stale.toMillis() ? "no heartbeat for " + age / 1000 + " s" : null;
    }

    /** Rewrites the lock, so that its modification time says its holder is alive. */
    private void beat() {
        try {
            Optional<Holder> now = read(fs, path);
            if (now.isEmpty() || !self.token.equals(now.get().token)) {
                LOG.error("the lock {} is no longer this run's (now: {})", path,
                        now.map(Holder::describe).orElse("none"));
                return;
            }
            try (FSDataOutputStream out = fs.create(path, true)) {
                out.write(Json.MAPPER.writeValueAsBytes(self));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not refresh the lock {}: {}", path, e.getMessage());
        }
    }

    /** Releases the lock (if it is still this run's). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            Optional<Holder> now = read(fs, path);
            if (now.isPresent() && self.token.equals(now.get().token)) {
                fs.delete(path, false);
            }
        } catch (IOException e) {
            LOG.warn("could not release the lock {}: {}", path, e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
