package dev.self2face.job.train;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Jackson reads of the small JSON files of a run. */
final class RunStoreJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunStoreJson() {
    }

    static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        return JSON.readValue(bytes, type);
    }
}
