package dev.self2face.job.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.job.pipeline.Decision;
import dev.self2face.job.train.TrainState;
import dev.self2face.json.Json;
import dev.self2face.storage.WriterLock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files self2face writes, through its one mapper: every key an object's field becomes is snake_case, and a file
 * an earlier version wrote with camelCase keys reads back to the same values.
 */
class JsonFilesTest {

    @Test
    void everyFieldIsWrittenSnakeCase() throws Exception {
        Manifest m = new Manifest();
        m.runId = "r1";
        m.createdAt = "2026-12-07T00:00:00Z";
        m.sampleIntervalSec = 0.5;
        Manifest.Source s = new Manifest.Source();
        s.uri = "file:/v.mp4";
        s.durationSec = 11.0;
        s.framesDecoded = 264;
        m.sources.put("v", s);
        m.stageSeconds.put("write", 1.5);
        RunInfo info = new RunInfo();
        info.model = "dcgan";
        info.zDim = 100;
        info.lambdaL1 = 100;
        info.trainPairs = 74;
        info.datasetConfig.put("eye-distance", 0.3);
        TrainState state = new TrainState();
        state.augmentP = 0.25;
        state.augmentAdjustedAt = 40;
        WriterLock.Holder lock = new WriterLock.Holder();
        lock.startedAt = "2026-12-07T00:00:00Z";
        for (Object o : List.of(m, info, state, lock)) {
            JsonNode tree = Json.MAPPER.readTree(Json.PRETTY.writeValueAsBytes(o));
            List<String> camel = new ArrayList<>();
            camelKeys(tree, "", camel);
            assertTrue(camel.isEmpty(), o.getClass().getSimpleName() + ": camelCase keys " + camel);
        }
        JsonNode written = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(info));
        assertEquals(74, written.get("train_pairs").asLong());
        assertEquals(0.3, written.at("/dataset_config/eye-distance").asDouble(), "a map's keys stay as they are");
    }

    @Test
    void filesOfEarlierVersionsWithCamelCaseKeysStillRead() throws Exception {
        Manifest m = Json.MAPPER.readValue("{\"schemaVersion\":3,\"runId\":\"old\",\"createdAt\":\"2026-11-01\","
                + "\"sampleIntervalSec\":0.4,\"sources\":{\"v\":{\"uri\":\"file:/v.mp4\",\"durationSec\":11.0,"
                + "\"framesDecoded\":264,\"facesFound\":120,\"rejectReasons\":[\"x\"]}},"
                + "\"totals\":{\"pairs\":83,\"rejectRows\":2},\"stageSeconds\":{\"write\":1.5}}", Manifest.class);
        assertEquals(3, m.schemaVersion);
        assertEquals("old", m.runId);
        assertEquals(0.4, m.sampleIntervalSec);
        assertEquals(264, m.sources.get("v").framesDecoded);
        assertEquals(120, m.sources.get("v").facesFound);
        assertEquals(11.0, m.sources.get("v").durationSec);
        assertEquals(2, m.totals.rejectRows);
        assertEquals(Map.of("write", 1.5), m.stageSeconds);
        RunInfo info = Json.MAPPER.readValue("{\"model\":\"pix2pix\",\"zDim\":0,\"lambdaL1\":100.0,"
                + "\"trainPairs\":74,\"valPairs\":9,\"datasetSchemaVersion\":4,\"finishedAt\":\"t\","
                + "\"datasetConfig\":{\"size\":64}}", RunInfo.class);
        assertEquals(100.0, info.lambdaL1);
        assertEquals(74, info.trainPairs);
        assertEquals(9, info.valPairs);
        assertEquals(4, info.datasetSchemaVersion);
        assertEquals("t", info.finishedAt);
        assertEquals(64, info.datasetConfig.get("size"));
        TrainState state = Json.MAPPER.readValue("{\"step\":40,\"augmentP\":0.25,\"augmentAdjustedAt\":40}",
                TrainState.class);
        assertEquals(0.25, state.augmentP);
        assertEquals(40, state.augmentAdjustedAt);
        WriterLock.Holder lock = Json.MAPPER.readValue("{\"host\":\"h\",\"startedAt\":\"t0\"}",
                WriterLock.Holder.class);
        assertEquals("t0", lock.startedAt);
    }

    /** A record, as the sweep's and pipeline's files are read (through its constructor, not its fields). */
    record Head(String spaceFile, String startedAt, int trainPairs) {
    }

    @Test
    void recordsReadTheirSnakeCaseKeysAndTheirJavaNames() throws Exception {
        Head want = new Head("conf/sweeps/pix2pix.conf", "2026-12-07T10:00:00Z", 74);
        assertEquals("{\"space_file\":\"conf/sweeps/pix2pix.conf\",\"started_at\":\"2026-12-07T10:00:00Z\","
                + "\"train_pairs\":74}", Json.MAPPER.writeValueAsString(want));
        assertEquals(want, Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(want), Head.class));
        assertEquals(want, Json.MAPPER.readValue("{\"spaceFile\":\"conf/sweeps/pix2pix.conf\","
                + "\"startedAt\":\"2026-12-07T10:00:00Z\",\"trainPairs\":74}", Head.class), "earlier camelCase keys");
    }

    @Test
    void decisionsAreWrittenAsTheirLabelsAndAnUnknownOneIsNamed() throws Exception {
        assertEquals("\"not trained\"", Json.MAPPER.writeValueAsString(Decision.NOT_TRAINED));
        assertEquals(Decision.PUBLISHED, Json.MAPPER.readValue("\"published\"", Decision.class));
        Exception e = assertThrows(Exception.class, () -> Json.MAPPER.readValue("\"shipped\"", Decision.class));
        assertTrue(e.getMessage().contains("shipped"), e.getMessage());
    }

    private static void camelKeys(JsonNode n, String at, List<String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().matches(".*[a-z][A-Z].*")) {
                    out.add(at + "/" + e.getKey());
                }
                camelKeys(e.getValue(), at + "/" + e.getKey(), out);
            }
        } else if (n.isArray()) {
            n.forEach(x -> camelKeys(x, at + "[]", out));
        }
    }
}
