package dev.self2face.job.train;

import dev.self2face.json.Json;

import java.io.IOException;

/** Jackson reads of the small JSON files of a run. */
final class RunStoreJson {

    private RunStoreJson() {
    }

    static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        return Json.MAPPER.readValue(bytes, type);
    }
}
