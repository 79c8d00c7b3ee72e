package dev.self2face.etl;

import dev.self2face.etl.dataset.DatasetError;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.storage.LocalCopies;
import dev.self2face.testing.EtlRunner;
import dev.self2face.testing.Media;
import dev.self2face.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readers see only what a manifest lists, refuse an unpublished dataset, and the next run clears leftovers. */
class PublishTest extends SparkTest {
    @TempDir
    Path tmp;

    @Test
    void leftoversOfAFailedRunAreNeverReadAndAreClearedByTheNextRun() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("videos"));
        Files.copy(Media.megamind().toPath(), in.resolve("a.avi"));
        Path out = tmp.resolve("ds");
        String[] sets = {"etl.size=64", "etl.target-pairs=40"};
        long pairs = EtlRunner.run(spark, List.of(in.toString()), out.toString(), sets).manifest().totals.pairs;

        // what a run killed after moving its files in (but before its manifest) leaves behind
        Path part;
        try (var w = Files.walk(out.resolve("pairs"))) {
            part = w.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path orphan = Files.copy(part, part.resolveSibling("part-99999-orphan.c000.snappy.parquet"));
        Path tmpRun = Files.createDirectories(out.resolve("_tmp/20990101T000000-dead/pairs"));
        Files.copy(part, tmpRun.resolve("part-0.parquet"));
        assertEquals(pairs, FacePairs.read(spark, out.toString()).pairs().count(), "orphans are not read");

        Files.delete(out.resolve("_SUCCESS"));
        DatasetError e = assertThrows(DatasetError.class, () -> FacePairs.read(spark, out.toString()));
        assertTrue(e.getMessage().contains("_SUCCESS"), e.getMessage());

        Files.copy(Media.megamind().toPath(), in.resolve("b.avi"));
        long total = EtlRunner.run(spark, List.of(in.toString()), out.toString(), sets).manifest().totals.pairs;
        assertFalse(Files.exists(orphan), "the next run deletes files no manifest lists");
        assertFalse(Files.exists(out.resolve("_tmp")), "and the dead run's temporary files");
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertTrue(total > pairs, "b.avi added: " + total);
        assertEquals(total, FacePairs.read(spark, out.toString()).pairs().count());
    }

    /**
     * A source_id is 12 hex digits of a hash; about 1 in 200 of them are all digits (or digits with one 'e') and
     * would come back from Parquet's partition directories as numbers if their type were inferred.
     */
    @Test
    void aSourceIdThatLooksLikeANumberIsReadBackAsItself() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("numeric"));
        Path video = null;
        for (int i = 0; video == null; i++) {
            Path candidate = in.resolve("v" + i + ".avi");
            String id = LocalCopies.sha1(new org.apache.hadoop.fs.Path(candidate.toUri()).toString()).substring(0, 12);
            if (id.matches("\\d+e\\d+")) { // as "93803533e329", which Spark would infer as a double
                video = Files.copy(Media.megamind().toPath(), candidate);
            }
        }
        Path out = tmp.resolve("numeric-ds");
        var result = EtlRunner.run(spark, List.of(video.toString()), out.toString(), "etl.size=64",
                "etl.target-pairs=40", "etl.identity=off");
        assertEquals(0, result.exitCode(), "rejected: " + result.rejectedReasons());
        long pairs = result.manifest().totals.pairs;
        assertTrue(pairs > 20, "pairs " + pairs);
        FacePairs ds = FacePairs.read(spark, out.toString());
        assertEquals(pairs, ds.pairs().count());
        String id = result.processed().get(0);
        assertEquals(List.of(org.apache.spark.sql.RowFactory.create(id)),
                ds.pairs().select("source_id").distinct().collectAsList(), "source_id read back as written");
    }
}
