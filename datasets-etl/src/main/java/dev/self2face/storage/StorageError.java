package dev.self2face.storage;

/**
 * Storage that cannot be used: an unreachable endpoint, a missing bucket, refused credentials, an output another
 * run is writing. The message names the location and the reason (never a credential); exit code 2.
 */
public class StorageError extends RuntimeException {
    public StorageError(String message) {
        super(message);
    }

    public StorageError(String message, Throwable cause) {
        super(message, cause);
    }
}
