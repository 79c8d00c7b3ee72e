package dev.self2face.etl.identity;

import dev.self2face.config.ConfigError;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;

/**
 * face-api's face recognition network and face detector, each read once per JVM from a face-api folder
 * ({@code etl.identity-weights}, {@code training.face-api}: a local folder or an s3a:// / hdfs:// URI holding the
 * manifests and the .bin files they list), as {@link dev.self2face.etl.face.landmarks.LandmarkModels} does for dlib's
 * model.
 */
public final class IdentityModel {
    private static final ConcurrentHashMap<String, FaceDescriptorNet> LOADED = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, FaceDetectorNet> DETECTORS = new ConcurrentHashMap<>();

    private IdentityModel() {
    }

    public static FaceDescriptorNet get(String uri, StorageSettings storage) {
        return get(uri, new Storage(storage));
    }

    /** The recognition net of the face-api folder {@code uri}, read through {@code st} on first use. */
    public static FaceDescriptorNet get(String uri, Storage st) {
        return LOADED.computeIfAbsent(uri, u -> new FaceDescriptorNet(read(u, st, FaceApiWeights.MANIFEST)));
    }

    /** The SSD-MobileNet v1 face detector of the face-api folder {@code uri}, read through {@code st} on first use. */
    public static FaceDetectorNet detector(String uri, Storage st) {
        return DETECTORS.computeIfAbsent(uri,
                u -> new FaceDetectorNet(read(u, st, FaceApiWeights.DETECTOR_MANIFEST)));
    }

    private static FaceApiWeights read(String uri, Storage st, String manifest) {
        String dir = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return FaceApiWeights.read(dir, manifest, name -> {
            Path p = Storage.path(dir + "/" + name);
            FileSystem fs = st.fs(p);
            if (!fs.exists(p)) {
                return null;
            }
            try (InputStream in = fs.open(p)) {
                return in.readAllBytes();
            }
        });
    }

    /** Reads the weights on the driver before Spark starts; a clear {@link ConfigError} when it cannot. */
    public static void check(String uri, StorageSettings storage) {
        try {
            get(uri, storage);
        } catch (RuntimeException e) {
            throw new ConfigError("config key 'etl.identity-weights' = " + uri + ": " + e.getMessage()
                    + ". Get face-api's weights with bin/fetch-sample-media (npm package @vladmandic/face-api) and"
                    + " point etl.identity-weights at the folder, or keep every face: --set etl.identity=off");
        }
    }
}
