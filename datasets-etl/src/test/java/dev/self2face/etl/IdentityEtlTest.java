package dev.self2face.etl;

import dev.self2face.etl.dataset.DatasetStatus;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.etl.identity.FaceDescriptorNet;
import dev.self2face.etl.identity.IdentityFilter;
import dev.self2face.etl.video.FrameSampler;
import dev.self2face.etl.video.Segment;
import dev.self2face.etl.video.VideoDecoder;
import dev.self2face.etl.video.VideoInfo;
import dev.self2face.testing.EtlRunner;
import dev.self2face.testing.Media;
import dev.self2face.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity stage on Megamind.avi (two characters), checked against labels made by looking at the frames
 * ({@code identity/megamind-characters.csv}).
 */
class IdentityEtlTest extends SparkTest {
    @TempDir
    static Path tmp;
    static Map<Integer, String> characters;

    @BeforeAll
    static void labels() throws IOException {
        characters = new TreeMap<>();
        try (InputStream in = IdentityEtlTest.class.getResourceAsStream("/identity/megamind-characters.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.startsWith("first") || line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split(",");
                for (int i = Integer.parseInt(f[0]); i <= Integer.parseInt(f[1]); i++) {
                    characters.put(i, f[2]);
                }
            }
        }
    }

    /** Character of each published pair (by its frame index), per split. */
    private Map<String, List<String>> whoIsIn(String dataset) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Row r : FacePairs.read(spark, dataset).pairs()
                .select(PairSchema.FRAME_INDEX, PairSchema.SPLIT, PairSchema.DESCRIPTOR).collectAsList()) {
            out.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(characters.get((int) r.getLong(0)));
            assertEquals(FaceDescriptorNet.DIMENSIONS, r.getList(2).size(), "every pair has its descriptor");
        }
        return out;
    }

    private static List<String> everyone(Map<String, List<String>> bySplit) {
        List<String> all = new ArrayList<>();
        bySplit.values().forEach(all::addAll);
        return all;
    }

    @Test
    void dominantKeepsOnlyTheCharacterSeenMostWithAValSplitOfHerOwn() throws Exception {
        String out = tmp.resolve("dominant").toString();
        EtlJob.Result r = EtlRunner.run(spark, List.of(Media.megamind().getPath()), out, "etl.size=128",
                "etl.identity=dominant");
        assertEquals(0, r.exitCode());
        Map<String, List<String>> who = whoIsIn(out);
        List<String> all = everyone(who);
        assertTrue(all.size() >= 60, "kept " + all.size());
        assertTrue(all.stream().allMatch("woman"::equals), "only the woman: " + all);
        assertTrue(who.getOrDefault(PairSchema.VAL, List.of()).size() >= 5, "a val split of her own: " + who);

        Manifest m = r.manifest();
        assertEquals("dominant", m.identity.mode);
        assertEquals(2, m.identity.identities.size(), "two identities found: " + m.identity.identities);
        assertEquals(all.size(), m.identity.kept);
        assertTrue(m.identity.dropped.get(IdentityFilter.OTHER) >= 50, "the man's faces: " + m.identity.dropped);
        Manifest.Source s = m.sources.values().iterator().next();
        long dropped = s.dropped.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(s.framesSampled, s.kept + dropped, "every sampled frame is kept or dropped for a reason");
        assertTrue(m.stageSeconds.keySet().containsAll(List.of("dedupe", "identity", "repeats")), "each keep filter"
                + " timed: " + m.stageSeconds.keySet());
        // the contact sheet: 8 pairs (two rows), then one strip per dropped identity and one of no-identity faces
        java.awt.image.BufferedImage sheet = javax.imageio.ImageIO.read(new File(out, "contact-sheet.png"));
        int strips = m.identity.identities.size() - 1 + (m.identity.dropped.containsKey(IdentityFilter.NONE) ? 1 : 0);
        assertEquals(28 + 2 * (128 + 16 + 6) + 6 + strips * (16 + 64 + 6), sheet.getHeight(), strips + " strips");
        String line = DatasetStatus.identity(m).orElseThrow();
        assertTrue(line.startsWith("identity (dominant): 2 identities of [" + m.identity.identities.get(0) + ", "),
                line);
    }

    @Test
    void aReferenceFrameOfTheOtherCharacterKeepsOnlyHim() throws Exception {
        File man = frame(230, "man-230.png");
        String out = tmp.resolve("reference").toString();
        EtlJob.Result r = EtlRunner.run(spark, List.of(Media.megamind().getPath()), out, "etl.size=128",
                "etl.identity=reference", "etl.identity-reference=[\"" + man.getPath() + "\"]");
        assertEquals(0, r.exitCode());
        List<String> all = everyone(whoIsIn(out));
        assertTrue(all.size() >= 40, "kept " + all.size());
        assertTrue(all.stream().allMatch("man"::equals), "only the man: " + all);
    }

    @Test
    void somebodyElsesPhotoAsTheReferenceKeepsNothingAndSaysSo() throws Exception {
        String out = tmp.resolve("messi").toString();
        EtlJob.Result r = EtlRunner.run(spark, List.of(Media.megamind().getPath()), out, "etl.size=128",
                "etl.identity=reference", "etl.identity-reference=[\"" + Media.messi().getPath() + "\"]");
        assertEquals(1, r.exitCode(), "no video gave a pair");
        assertEquals(0, r.manifest().totals.pairs);
        assertTrue(r.rejectedReasons().stream().anyMatch(x -> x.contains(IdentityFilter.OTHER)),
                "the reason names the identity: " + r.rejectedReasons());
    }

    /** Frame {@code index} of Megamind.avi as a PNG file. */
    private static File frame(int index, String name) throws IOException {
        File f = tmp.resolve(name).toFile();
        File video = Media.megamind();
        try (VideoDecoder d = new VideoDecoder(video)) {
            VideoInfo info = d.probe(video.getPath(), "ref", video.length());
            d.decode(Segment.split(info, "ref", 3600).get(0), new FrameSampler(0, info.frameDurationSec()),
                    (i, t, bgr) -> {
                        if (i == index) {
                            imwrite(f.getPath(), bgr);
                        }
                    });
        }
        assertTrue(f.isFile());
        return f;
    }
}
