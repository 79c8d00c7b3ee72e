package dev.self2face.etl.face.landmarks;

import dev.self2face.config.ConfigError;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Landmark models, read once per JVM (driver or executor) and shared by every task and thread: the predictor is
 * immutable. Local paths, file://, s3a:// and hdfs:// all work.
 */
public final class LandmarkModels {
    private static final ConcurrentHashMap<String, ShapePredictor> LOADED = new ConcurrentHashMap<>();

    private LandmarkModels() {
    }

    public static ShapePredictor get(String uri, StorageSettings storage) throws IOException {
        ShapePredictor p = LOADED.get(uri);
        if (p != null) {
            return p;
        }
        synchronized (LOADED) {
            p = LOADED.get(uri);
            if (p == null) {
                Path path = Storage.path(uri);
                Storage st = new Storage(storage);
                try (InputStream in = st.fs(path).open(path)) {
                    p = ShapePredictor.read(in);
                }
                LOADED.put(uri, p);
            }
            return p;
        }
    }

    /** Reads the model on the driver before Spark starts; a clear {@link ConfigError} when it cannot. */
    public static void check(String uri, StorageSettings storage) {
        try {
            get(uri, storage);
        } catch (IOException | RuntimeException e) {
            throw new ConfigError("config key 'etl.landmarks-model' = " + uri + ": cannot read a dlib shape predictor ("
                    + e.getMessage() + "). Get shape_predictor_68_face_landmarks.dat with bin/fetch-sample-media "
                    + "(Debian's libdlib-data) and point etl.landmarks-model at it, or align without landmarks: "
                    + "--set etl.aligner=eyes --set etl.condition=edges");
        }
    }
}
