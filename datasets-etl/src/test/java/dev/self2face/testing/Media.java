package dev.self2face.testing;

import java.io.File;

/**
 * The real sample media fetched by bin/fetch-sample-media (Debian's opencv-doc and libdlib-data, and face-api's face
 * recognition weights from the npm registry) into
 * $SELF2FACE_MEDIA or ~/.cache/self2face/media. Tests fail, not skip, when it is missing: .ci/run fetches it.
 */
public final class Media {
    private Media() {
    }

    public static File dir() {
        String env = System.getenv("SELF2FACE_MEDIA");
        File d = env != null && !env.isEmpty() ? new File(env)
                : new File(System.getProperty("user.home"), ".cache/self2face/media");
        if (!new File(d, "Megamind.avi").isFile()) {
            throw new IllegalStateException("sample media missing in " + d + ": run bin/fetch-sample-media first");
        }
        return d;
    }

    public static File megamind() {
        return new File(dir(), "Megamind.avi");
    }

    public static File messi() {
        return new File(dir(), "messi5.jpg");
    }

    /** face-api's face recognition weights (manifest + .bin). */
    public static File faceApi() {
        File d = new File(dir(), "face-api");
        if (!new File(d, "face_recognition_model.bin").isFile()) {
            throw new IllegalStateException("face-api weights missing in " + d + ": run bin/fetch-sample-media first");
        }
        return d;
    }
}
