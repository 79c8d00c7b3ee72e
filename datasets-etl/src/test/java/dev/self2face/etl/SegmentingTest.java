package dev.self2face.etl;

import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.testing.EtlRunner;
import dev.self2face.testing.Media;
import dev.self2face.testing.SparkTest;
import dev.self2face.etl.bench.SyntheticVideo;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A longer video made from Megamind's real frames, split into several segments processed in parallel, gives the
 * same pairs as one segment; sampling thins it towards etl.target-pairs.
 */
class SegmentingTest extends SparkTest {
    @TempDir
    static Path tmp;
    static File video;

    @BeforeAll
    void makeVideo() throws Exception {
        video = SyntheticVideo.fromVideo(Media.megamind(), 24, tmp.resolve("long.mp4").toFile(), 24);
    }

    @Test
    void severalSegmentsGiveTheSamePairsAsOne() throws Exception {
        String one = tmp.resolve("one").toString();
        String many = tmp.resolve("many").toString();
        String[] common = {"etl.size=64", "etl.target-pairs=150", "etl.dedupe-distance=-1", "etl.track-seconds=2"};
        EtlJob.Result a = EtlRunner.run(spark, List.of(video.getPath()), one, concat(common, "etl.segment-seconds=60"));
        EtlJob.Result b = EtlRunner.run(spark, List.of(video.getPath()), many, concat(common, "etl.segment-seconds=4"));
        Manifest.Source sa = a.manifest().sources.values().iterator().next();
        Manifest.Source sb = b.manifest().sources.values().iterator().next();
        assertEquals(1, sa.segments);
        assertEquals(6, sb.segments);
        assertEquals(sa.framesDecoded, sb.framesDecoded, "every frame decoded exactly once");
        assertEquals(sa.framesSampled, sb.framesSampled);
        assertTrue(sa.framesSampled <= 160 && sa.framesSampled >= 140,
                "sampling lands near target-pairs: " + sa.framesSampled);
        Map<String, Row> ra = byId(one);
        Map<String, Row> rb = byId(many);
        assertEquals(ra.keySet(), rb.keySet());
        assertTrue(ra.size() > 50, "pairs: " + ra.size());
        for (String id : ra.keySet()) {
            assertEquals(ra.get(id).getLong(1), rb.get(id).getLong(1), "phash of " + id);
            assertArrayEquals((byte[]) ra.get(id).get(2), (byte[]) rb.get(id).get(2), "face of " + id);
        }
    }

    private static Map<String, Row> byId(String ds) {
        Map<String, Row> out = new TreeMap<>();
        FacePairs.read(spark(), ds).pairs().select(PairSchema.ID, PairSchema.PHASH, PairSchema.FACE)
                .collectAsList().forEach(r -> out.put(r.getString(0), r));
        return out;
    }

    private static org.apache.spark.sql.SparkSession spark() {
        return org.apache.spark.sql.SparkSession.active();
    }

    private static String[] concat(String[] a, String b) {
        String[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
