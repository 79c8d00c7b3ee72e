package dev.self2face.job.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notebooks are committed without outputs (so diffs show code, and no run's pictures land in git). */
class NotebookFilesTest {
    @Test
    void notebooksAreStoredWithoutOutputs() throws Exception {
        int n = 0;
        for (Path nb : Notebooks.all()) {
            JsonNode root = new ObjectMapper().readTree(nb.toFile());
            assertEquals("python3", root.path("metadata").path("kernelspec").path("name").asText(), nb.toString());
            for (JsonNode cell : root.get("cells")) {
                if (cell.path("cell_type").asText().equals("code")) {
                    assertEquals(0, cell.get("outputs").size(), nb + ": outputs stripped");
                    assertTrue(cell.get("execution_count").isNull(), nb + ": execution counts stripped");
                }
            }
            n++;
        }
        assertTrue(n >= 2, "the dataset and run notebooks");
    }
}
