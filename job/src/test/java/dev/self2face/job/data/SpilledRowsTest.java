package dev.self2face.job.data;

import dev.self2face.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import dev.self2face.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.mutable.WrappedArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpilledRowsTest {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("condition", DataTypes.BinaryType)
            .add("face", DataTypes.BinaryType)
            .add("labels", DataTypes.createArrayType(DataTypes.FloatType));

    @Test
    void everyRowReadsBackAsWrittenInItsOrderFromAFileThatHasNoNameLeft() throws Exception {
        Random rnd = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            byte[] c = new byte[rnd.nextInt(3000)];
            byte[] f = new byte[rnd.nextInt(20000)];
            rnd.nextBytes(c);
            rnd.nextBytes(f);
            Float[] labels = {rnd.nextFloat(), rnd.nextFloat()};
            rows.add(new GenericRowWithSchema(new Object[] {"pair-" + i, c, f, WrappedArray.make(labels)}, SCHEMA));
        }
        SpilledRows spilled = SpilledRows.of(rows.iterator(), SCHEMA);
        assertFalse(Files.exists(spilled.file()), "the file's name is gone while the rows are read through it");
        assertEquals(rows.size(), spilled.size());
        assertTrue(spilled.bytes() > 25_000_000L, "the PNG bytes live in the file: " + spilled.bytes());
        for (int i : new int[] {0, 1, 1234, 2499, 17, 17}) {
            Row want = rows.get(i);
            Row got = spilled.get(i);
            assertEquals(want.getString(0), got.getString(0));
            assertArrayEquals((byte[]) want.getAs("condition"), (byte[]) got.getAs("condition"));
            assertArrayEquals((byte[]) want.getAs("face"), (byte[]) got.getAs("face"));
            assertEquals(want.getList(3), got.getList(got.fieldIndex("labels")), "labels by name");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> spilled.get(2500));
        spilled.close();
        assertThrows(IllegalStateException.class, () -> spilled.get(0), "closed");
    }

    @Test
    void aSpillThatFailsHalfWayKeepsNoFileOpen() throws Exception {
        java.util.Iterator<Row> failing = new java.util.Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Row next() {
                if (i++ == 50) {
                    throw new IllegalStateException("the rows' job failed");
                }
                return new GenericRowWithSchema(new Object[] {"p" + i, new byte[10], new byte[10_000],
                    WrappedArray.make(new Float[] {1f})}, SCHEMA);
            }
        };
        List<String> before = openSpillFiles(); // other tests' lists in this JVM may still be open
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SpilledRows.of(failing, SCHEMA));
        assertEquals("the rows' job failed", e.getMessage());
        List<String> left = openSpillFiles();
        left.removeAll(before);
        assertEquals(List.of(), left, "files this JVM still holds open (their space not returned)");
    }

    /** The spill files this JVM has open (Linux: /proc/self/fd). */
    private static List<String> openSpillFiles() throws Exception {
        List<String> open = new ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.contains("self2face-rows-")) {
                        open.add(target);
                    }
                } catch (java.io.IOException gone) {
                    // closed between listing and reading
                }
            }
        }
        return open;
    }

    /** Spills rows into the temp dir it is given and waits to be killed (run by the test below in its own JVM). */
    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new GenericRowWithSchema(new Object[] {"p" + i, new byte[1000], new byte[5000],
                WrappedArray.make(new Float[] {1f})}, SCHEMA));
        }
        SpilledRows spilled = SpilledRows.of(rows.iterator(), SCHEMA);
        System.out.println("spilled " + spilled.size() + " " + spilled.get(99).getString(0));
        System.out.flush();
        Thread.sleep(600_000);
    }

    @Test
    void aProcessKilledWhileItsRowsAreSpilledLeavesNoFileBehind(@TempDir Path tmp) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), getClass().getName())
                .redirectErrorStream(true).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("spilled")) {
                // the JVM's start-up output, if any
            }
            assertEquals("spilled 100 p99", line, "the child spilled its rows and read them back");
            p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no deleteOnExit
        }
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("self2face-rows-")).toList(), "files the killed process left");
        }
    }

    @Test
    void publishedRowsOpenInAnotherListAndClosingThatOneKeepsTheFile(@TempDir Path tmp) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new GenericRowWithSchema(new Object[] {"p" + i, new byte[] {(byte) i}, new byte[i],
                WrappedArray.make(new Float[] {(float) i})}, SCHEMA));
        }
        Storage storage = new Storage(new org.apache.hadoop.conf.Configuration());
        String dir = tmp.resolve("sweep [a] 100%/_pairs").toString();
        try (SpilledRows own = SpilledRows.of(rows.iterator(), SCHEMA)) {
            own.publish(storage, Storage.path(dir), "train");
        }
        SpilledRows shared = SpilledRows.openShared(storage, dir, "train", tmp.resolve("cache").toString());
        assertEquals(40, shared.size());
        assertEquals("p39", shared.get(39).getString(0));
        assertEquals(39, ((byte[]) shared.get(39).getAs("face")).length);
        assertEquals(List.of(7.0f), shared.get(7).getList(3));
        shared.close();
        assertTrue(Files.exists(Path.of(dir, "train.rows")), "a shared copy is not this list's to delete");
        assertEquals(40, SpilledRows.openShared(storage, dir, "train", tmp.toString()).size());
    }

    @Test
    void aDatasetIsSpilledInKeyOrderARangeAtATime() {
        SparkSession spark = SparkTest.session("local[2]");
        try {
            List<Row> rows = new ArrayList<>();
            List<Integer> keys = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                keys.add(i);
            }
            java.util.Collections.shuffle(keys, new Random(3));
            for (int k : keys) {
                rows.add(org.apache.spark.sql.RowFactory.create(String.format("p%05d", k), new byte[] {(byte) k},
                        new byte[0], null));
            }
            // scattered over 7 partitions out of order: the spill is still in id order
            try (SpilledRows spilled = SpilledRows.ordered(spark.createDataFrame(rows, SCHEMA).repartition(7),
                    "id")) {
                assertEquals(1500, spilled.size());
                for (int i = 0; i < 1500; i++) {
                    assertEquals(String.format("p%05d", i), spilled.get(i).getString(0));
                }
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void anEmptySplitIsAnEmptyList() {
        try (SpilledRows spilled = SpilledRows.of(List.<Row>of().iterator(), SCHEMA)) {
            assertEquals(0, spilled.size());
            assertTrue(spilled.isEmpty());
        }
    }
}
