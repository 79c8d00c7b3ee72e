package dev.self2face.job.data;

import dev.self2face.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.self2face.storage.LocalCopies;
import dev.self2face.storage.Storage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.RandomAccess;

/**
 * The rows of a dataset split as a list whose rows live in a local file, not in the heap: the driver keeps one
 * offset per row, so a run can train on 10,000 pairs at 256 px (over a gigabyte of PNGs) at its default heap, and
 * each batch reads its rows back (from the page cache, once the file is warm). Written by streaming the rows in their
 * order, a range at a time. The file's name is removed from its directory as soon as it is open (the open file lives
 * on until the list is closed or no longer reachable): a run that is killed leaves no file behind.
 *
 * <p>Spark has no such list (a cached Dataset is read by jobs, not by index), which is why it is written here.
 */
public final class SpilledRows extends AbstractList<Row> implements RandomAccess, AutoCloseable {
    /** Rows per partition streamed to the driver at a time (~60 MB at 256 px). */
    static final int ROWS_PER_FETCH = 512;
    private static final Cleaner CLEANER = Cleaner.create();

    private final StructType schema;
    private final long[] offsets;
    private final State state;
    private final Cleaner.Cleanable cleanable;

    /** The open file, closed (and deleted, when it is this list's own) by {@link #close()} or the cleaner. */
    private record State(Path file, FileChannel channel, boolean own) implements Runnable {
        @Override
        public void run() {
            try {
                channel.close();
                if (own) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // a temporary file left behind is not worth failing a run over
            }
        }
    }

    private SpilledRows(StructType schema, long[] offsets, Path file, FileChannel channel, boolean own) {
        this.schema = schema;
        this.offsets = offsets;
        this.state = new State(file, channel, own);
        this.cleanable = CLEANER.register(this, state);
    }

    /**
     * The rows of {@code rows} in ascending order of {@code column} (unique per row), spilled to a temporary file:
     * range-partitioned into ranges of about {@link #ROWS_PER_FETCH} rows, each sorted, fetched one range at a time
     * (ranges come in key order, so the file is in key order whatever the dataset's partitioning).
     */
    public static SpilledRows ordered(Dataset<Row> rows, String column) {
        long n = rows.count();
        int parts = (int) Math.max(1, Math.min(10_000, (n + ROWS_PER_FETCH - 1) / ROWS_PER_FETCH));
        Dataset<Row> ranges = rows.repartitionByRange(parts, functions.col(column)).sortWithinPartitions(column);
        return of(ranges.toLocalIterator(), ranges.schema());
    }

    /** The rows of {@code rows} (all of {@code schema}), spilled to a temporary file. */
    public static SpilledRows of(Iterator<Row> rows, StructType schema) {
        try {
            Path file = Files.createTempFile("self2face-rows-", ".bin");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                // unlinked while open (POSIX): the rows stay readable through the channel, and a process killed
                // with SIGKILL — an OOM kill, a pre-empted executor — leaves no gigabyte-sized file in the temp dir
                Files.delete(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit(); // a file system that cannot: removed on close or exit instead
            }
            try {
                return new SpilledRows(schema, write(rows, channel), file, channel, true);
            } catch (IOException | RuntimeException e) {
                // a full disk, or the rows' own job failing: the unlinked file's space goes back now, not at exit
                channel.close();
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not spill rows to a local temporary file: " + e.getMessage(), e);
        }
    }

    /** Writes the rows one after the other; returns the offsets: row i is bytes [offsets[i], offsets[i + 1]). */
    private static long[] write(Iterator<Row> rows, FileChannel channel) throws IOException {
        long[] offsets = new long[1024];
        int n = 0;
        long at = 0;
        while (rows.hasNext()) {
            byte[] bytes = encode(rows.next());
            if (n + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                at += channel.write(b, at);
            }
            offsets[++n] = at;
        }
        return Arrays.copyOf(offsets, n + 1);
    }

    /**
     * Copies the rows to {@code dir} on storage as {@code name.rows} and {@code name.index} (schema and offsets), for
     * other JVMs to {@link #openShared} (a sweep's trials on executors).
     */
    public void publish(Storage storage, org.apache.hadoop.fs.Path dir, String name) throws IOException {
        org.apache.hadoop.fs.Path rows = new org.apache.hadoop.fs.Path(dir, name + ".rows");
        org.apache.hadoop.fs.Path part = new org.apache.hadoop.fs.Path(dir, name + ".rows.part");
        try (java.io.OutputStream out = storage.fs(part).create(part, true)) {
            java.nio.channels.WritableByteChannel to = java.nio.channels.Channels.newChannel(out);
            for (long at = 0, size = bytes(); at < size; ) {
                at += state.channel().transferTo(at, size - at, to);
            }
        }
        storage.fs(rows).delete(rows, false);
        if (!storage.fs(rows).rename(part, rows)) {
            throw new IOException("cannot move " + part + " to " + rows);
        }
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("schema", schema.json());
        ArrayNode at = index.putArray("offsets");
        for (long o : offsets) {
            at.add(o);
        }
        storage.writeAtomically(new org.apache.hadoop.fs.Path(dir, name + ".index"), Json.MAPPER.writeValueAsBytes(index));
    }

    /**
     * Rows another JVM {@link #publish published} under {@code dir}: the rows file copied once into
     * {@code cacheDir} (read in place when it is a local file) and opened read-only; closing keeps the file.
     */
    public static SpilledRows openShared(Storage storage, String dir, String name, String cacheDir)
            throws IOException {
        org.apache.hadoop.fs.Path index = new org.apache.hadoop.fs.Path(Storage.path(dir), name + ".index");
        JsonNode ix = Json.MAPPER.readTree(storage.read(index));
        StructType schema = (StructType) DataType.fromJson(ix.get("schema").asText());
        long[] offsets = new long[ix.get("offsets").size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = ix.get("offsets").get(i).asLong();
        }
        org.apache.hadoop.fs.Path rows = new org.apache.hadoop.fs.Path(Storage.path(dir), name + ".rows");
        String fingerprint = Storage.fingerprint(storage.fs(rows).getFileStatus(rows));
        java.io.File local = LocalCopies.localFile(storage, rows.toString(), fingerprint, cacheDir);
        FileChannel channel = FileChannel.open(local.toPath(), StandardOpenOption.READ);
        return new SpilledRows(schema, offsets, local.toPath(), channel, false);
    }

    @Override
    public Row get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index + " of " + size());
        }
        ByteBuffer b = ByteBuffer.allocate((int) (offsets[index + 1] - offsets[index]));
        try {
            long at = offsets[index];
            while (b.hasRemaining()) {
                int read = state.channel().read(b, at + b.position());
                if (read < 0) {
                    throw new IOException("unexpected end of " + state.file());
                }
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.array()))) {
                return new GenericRowWithSchema((Object[]) in.readObject(), schema);
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("could not read row " + index + " back from " + state.file() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public int size() {
        return offsets.length - 1;
    }

    /** The local file (already removed from its directory where the file system allows it). */
    Path file() {
        return state.file();
    }

    /** Bytes on disk. */
    public long bytes() {
        return offsets[offsets.length - 1];
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    private static byte[] encode(Row r) throws IOException {
        Object[] values = new Object[r.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.get(i);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(values);
        }
        return bytes.toByteArray();
    }
}
