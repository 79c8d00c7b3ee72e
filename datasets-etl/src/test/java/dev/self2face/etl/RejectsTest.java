package dev.self2face.etl;

import dev.self2face.etl.bench.SyntheticVideo;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.testing.EtlRunner;
import dev.self2face.testing.Media;
import dev.self2face.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Corrupt, empty, non-video and truncated files become rejects rows; the job goes on and publishes the rest. */
class RejectsTest extends SparkTest {
    @TempDir
    Path tmp;

    @Test
    void badFilesAreRejectedAndTheGoodOneIsKept() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("videos"));
        Files.copy(Media.megamind().toPath(), in.resolve("good.avi"));
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        Files.write(in.resolve("corrupt.avi"), noise);
        Files.write(in.resolve("empty.mp4"), new byte[0]);
        Files.writeString(in.resolve("notes.txt"), "not a video at all\n");
        byte[] whole = Files.readAllBytes(Media.megamind().toPath());
        Files.write(in.resolve("truncated.avi"), Arrays.copyOf(whole, whole.length * 2 / 5));

        String out = tmp.resolve("ds").toString();
        // the truncated file is a copy of the good one: without drop-repeats = false its decoded part would go
        // as a repeat (RepeatsEtlTest); here only the decode faults are under test
        EtlJob.Result r = EtlRunner.run(spark, List.of(in.toString()), out, "etl.size=64",
                "etl.segment-seconds=6", "etl.drop-repeats=false");
        assertEquals(0, r.exitCode(), "some input was good");
        Map<String, Manifest.Source> byName = r.manifest().sources.values().stream()
                .collect(Collectors.toMap(s -> s.uri.substring(s.uri.lastIndexOf('/') + 1), s -> s));
        assertEquals("ok", byName.get("good.avi").status);
        for (String bad : List.of("corrupt.avi", "empty.mp4", "notes.txt")) {
            assertEquals("rejected", byName.get(bad).status, bad);
            assertEquals(0, byName.get(bad).kept, bad);
        }
        assertTrue(byName.get("empty.mp4").rejectReasons.get(0).contains("empty"),
                byName.get("empty.mp4").rejectReasons.toString());
        Manifest.Source truncated = byName.get("truncated.avi");
        assertEquals("partial", truncated.status, "truncated keeps what decodes: " + truncated.rejectReasons);
        assertTrue(truncated.kept > 0);
        assertTrue(truncated.rejectReasons.stream().anyMatch(s -> s.contains("truncated")),
                truncated.rejectReasons.toString());

        List<Row> rejects = FacePairs.read(spark, out).rejects().collectAsList();
        assertTrue(rejects.size() >= 4, "rejects rows: " + rejects);
        for (Row row : rejects) {
            assertTrue(!row.getString(2).isBlank(), "a reason for " + row);
        }
        assertEquals(3, r.manifest().totals.rejected);
    }

    @Test
    void aVideoWithoutFacesGivesNoPairsAndCountsWhy() throws Exception {
        File video = SyntheticVideo.faceless(3, 24,
                tmp.resolve("faceless.mp4").toFile());
        String out = tmp.resolve("ds-faceless").toString();
        EtlJob.Result r = EtlRunner.run(spark, List.of(video.getPath()), out, "etl.size=64");
        Manifest.Source s = r.manifest().sources.values().iterator().next();
        assertEquals(1, r.exitCode(), "its only input gave nothing");
        assertEquals("rejected", s.status);
        assertEquals(0, s.kept);
        assertTrue(s.framesSampled > 50, "sampled " + s.framesSampled);
        assertEquals(s.framesSampled, s.dropped.get("no-face"), "every sampled frame dropped as no-face");
        assertTrue(s.rejectReasons.get(0).startsWith("faces: no usable face"), s.rejectReasons.toString());
    }

    @Test
    void everyInputRejectedIsAFailedRunThatStillRecordsWhy() throws Exception {
        Path bad = tmp.resolve("only-bad.avi");
        Files.writeString(bad, "garbage");
        String out = tmp.resolve("ds-bad").toString();
        EtlJob.Result r = EtlRunner.run(spark, List.of(bad.toString()), out);
        assertEquals(1, r.exitCode());
        assertEquals(1, r.rejectedReasons().size());
        assertTrue(r.rejectedReasons().get(0).contains("only-bad.avi"), r.rejectedReasons().toString());
        assertEquals(1, FacePairs.read(spark, out).rejects().count());
    }

    @Test
    void anyNameAFileSystemAllowsIsAName() throws Exception {
        String odd = "clip[1] 100% it's \"q\" `t` <a> #b {c,d} *?";
        Path direct = Files.createDirectories(tmp.resolve("in [x] 100%")).resolve(odd + ".avi");
        Files.copy(Media.megamind().toPath(), direct);
        // inside a folder given as input: found by listing, not by a pattern
        Path folder = Files.createDirectories(tmp.resolve("folder {1,2} [a]"));
        byte[] whole = Files.readAllBytes(Media.megamind().toPath());
        Files.write(folder.resolve(odd + " copy.avi"), Arrays.copyOf(whole, whole.length * 2 / 5));
        String out = tmp.resolve("[draft] ds 100% #1").toString();
        EtlJob.Result r = EtlRunner.run(spark, List.of(direct.toString(), folder.toString()), out, "etl.size=64",
                "etl.drop-repeats=false");
        assertEquals(0, r.exitCode(), r.rejectedReasons().toString());
        Map<String, Manifest.Source> byName = r.manifest().sources.values().stream()
                .collect(Collectors.toMap(s -> s.uri.substring(s.uri.lastIndexOf('/') + 1), s -> s));
        assertEquals("ok", byName.get(odd + ".avi").status, byName.toString());
        assertEquals("partial", byName.get(odd + " copy.avi").status, byName.toString());
        // read back by Spark, which globs the paths it is given
        assertEquals(r.manifest().totals.pairs, FacePairs.read(spark, out).pairs().count());
        EtlJob.Result again = EtlRunner.run(spark, List.of(direct.toString(), folder.toString()), out,
                "etl.size=64", "etl.drop-repeats=false");
        assertTrue(again.processed().isEmpty(), "both are known by their names: " + again.processed());
    }
}
