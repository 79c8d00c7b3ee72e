package dev.self2face.etl.dataset;

/** A dataset that cannot be read: not published, unknown schema version, missing files. */
public class DatasetError extends RuntimeException {
    public DatasetError(String message) {
        super(message);
    }
}
