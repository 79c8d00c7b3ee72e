package dev.self2face.job.pipeline;

import dev.self2face.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pipeline.json: snake_case keys throughout, and a state the first versions wrote (camelCase times) still reads. */
class PipelineStateTest {
    @Test
    void keysAreSnakeCaseAndOldFilesStillRead() throws Exception {
        PipelineState old = Json.MAPPER.readValue("{\"id\":\"20261201T020000Z\",\"status\":\"running\","
                + "\"stage\":\"train dcgan\",\"startedAt\":\"2026-12-01T02:00:00Z\",\"finishedAt\":null,"
                + "\"etl\":{\"pairs_before\":80,\"pairs\":83}}", PipelineState.class);
        assertEquals("2026-12-01T02:00:00Z", old.startedAt);
        assertEquals(80, old.etl.pairsBefore);
        String written = Json.PRETTY.writeValueAsString(old);
        assertTrue(written.contains("\"started_at\"") && written.contains("\"pairs_before\""), written);
        assertFalse(written.matches("(?s).*\"[a-z]+[A-Z][a-zA-Z]*\"\\s*:.*"), "a camelCase key in " + written);
    }

    /** Stages are recorded by their labels; the training stage is one per model, the others have none. */
    @Test
    void stagesAreRecordedByTheirLabels() {
        assertEquals("train dcgan", PipelineStage.TRAIN.label("dcgan"));
        assertEquals("evaluate", PipelineStage.EVALUATE.label(null));
        assertEquals("start", new PipelineState().stage);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PipelineStage.TRAIN.label(null));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PipelineStage.ETL.label("dcgan"));
    }
}
