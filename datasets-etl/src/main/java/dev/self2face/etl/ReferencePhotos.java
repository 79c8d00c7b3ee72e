package dev.self2face.etl;

import dev.self2face.config.ConfigError;
import dev.self2face.etl.identity.FaceDescriptorNet;
import dev.self2face.etl.identity.IdentityMode;
import dev.self2face.etl.identity.IdentityModel;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity stage's inputs checked before Spark starts: face-api's weights read, and for
 * {@code etl.identity = reference} every photo's face found, aligned by the ETL's own code and described.
 */
public final class ReferencePhotos {
    /** Descriptors by (weights, photos): the check before Spark and the run read the photos once. */
    private static final Map<List<String>, List<float[]>> DESCRIBED = new ConcurrentHashMap<>();

    private ReferencePhotos() {
    }

    /** The reference descriptors (none unless {@code etl.identity = reference}); the weights checked when on. */
    public static List<float[]> check(EtlSettings etl, StorageSettings storage) {
        if (!etl.identity().on()) {
            return List.of();
        }
        IdentityModel.check(etl.identity().weights(), storage);
        if (etl.identity().mode() != IdentityMode.REFERENCE) {
            return List.of();
        }
        List<String> key = new ArrayList<>(etl.identity().reference());
        key.add(0, etl.identity().weights());
        return DESCRIBED.computeIfAbsent(key, k -> describe(etl, storage));
    }

    /** Descriptors of the reference photos (files, or the images in folders). */
    static List<float[]> describe(EtlSettings etl, StorageSettings storage) {
        Storage st = new Storage(storage);
        FaceDescriptorNet net = IdentityModel.get(etl.identity().weights(), storage);
        List<float[]> out = new ArrayList<>();
        try {
            for (FileStatus f : st.listInputs(etl.identity().reference())) {
                Path p = f.getPath();
                byte[] bytes;
                try (InputStream in = st.fs(p).open(p)) {
                    bytes = in.readAllBytes();
                }
                PhotoConditions.Result r = face(bytes, p, etl, storage);
                try (Mat aligned = r.aligned(); Mat condition = r.condition()) {
                    out.add(net.describe(List.of(aligned)).getRow(0).toFloatVector());
                }
            }
        } catch (IOException e) {
            throw new ConfigError("config key 'etl.identity-reference': " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new ConfigError("config key 'etl.identity-reference' = " + etl.identity().reference()
                    + ": no photo found");
        }
        return out;
    }

    /** The photo's face: the video's own face search first (a frame or portrait), then a photo's (smaller faces). */
    private static PhotoConditions.Result face(byte[] bytes, Path p, EtlSettings etl, StorageSettings storage)
            throws IOException {
        PhotoConditions.Result r;
        try {
            r = PhotoConditions.of(bytes, etl, storage);
            if (!r.ok()) {
                r = PhotoConditions.of(bytes, etl.forPhotos(), storage);
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigError("config key 'etl.identity-reference': " + p + ": not an image ("
                    + e.getMessage() + ")");
        }
        if (!r.ok()) {
            throw new ConfigError("config key 'etl.identity-reference': " + p + ": no usable face ("
                    + r.dropped().key + ")");
        }
        return r;
    }
}
