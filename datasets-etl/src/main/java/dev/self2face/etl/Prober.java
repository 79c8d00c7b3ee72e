package dev.self2face.etl;

import dev.self2face.etl.video.VideoDecoder;
import dev.self2face.etl.video.VideoInfo;
import dev.self2face.storage.LocalCopies;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;

import java.io.File;
import java.io.Serializable;

/** Probes one input in an executor: a {@link VideoInfo}, or the reason it is not a usable video. */
final class Prober implements Serializable {
    /** An input to process: where it is, its fingerprint, its size. */
    record Input(String sourceId, String uri, String fingerprint, long size) implements Serializable {
    }

    record Result(Input input, VideoInfo info, String error) implements Serializable {
    }

    private final StorageSettings storage;

    Prober(StorageSettings storage) {
        this.storage = storage;
    }

    Result probe(Input in) {
        try {
            File local = LocalCopies.localFile(new Storage(storage), in.uri(), in.fingerprint(),
                    storage.localCacheDir());
            try (VideoDecoder d = new VideoDecoder(local)) {
                return new Result(in, d.probe(in.uri(), in.fingerprint(), in.size()), null);
            }
        } catch (Exception e) {
            return new Result(in, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
