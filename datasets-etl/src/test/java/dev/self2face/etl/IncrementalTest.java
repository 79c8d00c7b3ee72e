package dev.self2face.etl;

import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.testing.EtlRunner;
import dev.self2face.testing.Media;
import dev.self2face.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rerun adds nothing; a new video is processed alone and added; a changed one replaces its old rows. */
class IncrementalTest extends SparkTest {
    @TempDir
    Path tmp;

    @Test
    void rerunNewFileAndChangedFile() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("videos"));
        Path a = Files.copy(Media.megamind().toPath(), in.resolve("a.avi"));
        String out = tmp.resolve("ds").toString();
        String[] sets = {"etl.size=64", "etl.target-pairs=60"};

        EtlJob.Result first = EtlRunner.run(spark, List.of(in.toString()), out, sets);
        long pairs = first.manifest().totals.pairs;
        assertTrue(pairs > 0);
        Set<String> filesBefore = dataFiles(out);
        byte[] manifestBefore = Files.readAllBytes(Path.of(out, "_manifest.json"));

        EtlJob.Result again = EtlRunner.run(spark, List.of(in.toString()), out, sets);
        assertTrue(again.processed().isEmpty(), "nothing to do");
        assertEquals(filesBefore, dataFiles(out));
        assertEquals(new String(manifestBefore), Files.readString(Path.of(out, "_manifest.json")));

        Path b = Files.copy(Media.megamind().toPath(), in.resolve("b.avi"));
        EtlJob.Result added = EtlRunner.run(spark, List.of(in.toString()), out, sets);
        assertEquals(1, added.processed().size(), "only the new file");
        Manifest.Source sourceB = added.manifest().sources.get(added.processed().get(0));
        assertTrue(sourceB.uri.endsWith("b.avi"));
        assertEquals(2, added.manifest().sources.size());
        assertTrue(dataFiles(out).containsAll(filesBefore), "a's files untouched");
        assertEquals(added.manifest().totals.pairs, FacePairs.read(spark, out).pairs().count());

        Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        EtlJob.Result changed = EtlRunner.run(spark, List.of(in.toString()), out, sets);
        assertEquals(1, changed.processed().size(), "only the changed file");
        Manifest.Source newA = changed.manifest().sources.get(changed.processed().get(0));
        assertTrue(newA.uri.endsWith("a.avi"));
        assertNotEquals(first.manifest().runId, newA.runId);
        Set<String> filesAfter = dataFiles(out);
        for (String f : filesBefore) {
            assertFalse(filesAfter.contains(f), "old rows of the changed file are replaced: " + f);
        }
        FacePairs ds = FacePairs.read(spark, out);
        assertEquals(changed.manifest().totals.pairs, ds.pairs().count());
        assertEquals(ds.pairs().count(), ds.pairs().select("id").distinct().count(), "no duplicate rows");
        assertTrue(new File(out, "_SUCCESS").isFile());
        assertFalse(new File(out, "_tmp").exists(), "temporary files cleaned up");
    }

    private static Set<String> dataFiles(String out) throws Exception {
        Set<String> s = new TreeSet<>();
        try (var w = Files.walk(Path.of(out, "pairs"))) {
            w.filter(p -> p.toString().endsWith(".parquet")).forEach(p -> s.add(p.toString()));
        }
        return s;
    }
}
