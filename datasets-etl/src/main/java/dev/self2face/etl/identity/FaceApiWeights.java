package dev.self2face.etl.identity;

import dev.self2face.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of a face-api network (the face recognition net {@value #MANIFEST}, the SSD-MobileNet v1 face detector
 * {@value #DETECTOR_MANIFEST}) as its npm package {@code @vladmandic/face-api} ships them:
 * a TensorFlow.js weights manifest (tensor names, shapes, dtypes, per-tensor uint8 quantization)
 * and the binary file(s) it lists, tensors back to back in manifest order. A quantized tensor is stored as one byte
 * per value, value = byte · scale + min; the others as little-endian float32. Filters are HWIO (TensorFlow's
 * layout). No library reads this format in Java (DL4J's model import reads Keras/TensorFlow graphs, not tfjs
 * manifests), so it is read here; it is small (~117 tensors, 5.6 M values).
 */
public final class FaceApiWeights implements Serializable {
    public static final String MANIFEST = "face_recognition_model-weights_manifest.json";
    public static final String DETECTOR_MANIFEST = "ssd_mobilenetv1_model-weights_manifest.json";
    private static final long serialVersionUID = 1L;

    private final Map<String, float[]> values;
    private final Map<String, long[]> shapes;
    private final String source;
    private final String manifestName;

    private FaceApiWeights(Map<String, float[]> values, Map<String, long[]> shapes, String source,
                           String manifestName) {
        this.values = values;
        this.shapes = shapes;
        this.source = source;
        this.manifestName = manifestName;
    }

    /** The files of a weights folder by name; null for a file that does not exist. */
    @FunctionalInterface
    public interface Files {
        byte[] read(String name) throws IOException;
    }

    /** Reads the recognition net's manifest in the local folder {@code dir} and the files it names. */
    public static FaceApiWeights read(Path dir) {
        return read(dir, MANIFEST);
    }

    /** Reads manifest {@code manifestName} in the local folder {@code dir} and the files it names. */
    public static FaceApiWeights read(Path dir, String manifestName) {
        return read(dir.toString(), manifestName, name -> {
            Path f = dir.resolve(name);
            return java.nio.file.Files.isRegularFile(f) ? java.nio.file.Files.readAllBytes(f) : null;
        });
    }

    /** Reads the recognition net's manifest (see {@link #read(String, String, Files)}). */
    public static FaceApiWeights read(String dir, Files files) {
        return read(dir, MANIFEST, files);
    }

    /**
     * Reads the manifest in folder {@code dir} (any storage: {@code files} reads a file of it by name) and the files
     * it names. Every problem is an {@link IllegalArgumentException} naming the file and the reason (missing,
     * unreadable, too short, an unknown dtype).
     */
    public static FaceApiWeights read(String dir, String manifestName, Files files) {
        String manifest = dir + "/" + manifestName;
        byte[] json = file(files, manifestName, manifest);
        if (json == null) {
            throw new IllegalArgumentException(manifest + ": no face-api weights there (bin/fetch-sample-media"
                    + " puts face-api's models into the media cache)");
        }
        JsonNode groups;
        try {
            groups = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(manifest + ": not a readable weights manifest: " + e.getMessage(), e);
        }
        if (groups == null || !groups.isArray() || groups.isEmpty()) {
            throw new IllegalArgumentException(manifest + ": not a weights manifest (expected a list of groups)");
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (JsonNode group : groups) {
            ByteBuffer data = concatenate(dir, files, group.path("paths"), manifest);
            for (JsonNode w : group.path("weights")) {
                String name = w.path("name").asText();
                long[] shape = new long[w.path("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = w.path("shape").get(i).asLong();
                }
                int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
                values.put(name, tensor(w, n, data, manifest));
                shapes.put(name, shape);
            }
        }
        return new FaceApiWeights(values, shapes, dir, manifestName);
    }

    private static byte[] file(Files files, String name, String where) {
        try {
            return files.read(name);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static ByteBuffer concatenate(String dir, Files files, JsonNode paths, String manifest) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (JsonNode p : paths) {
            String where = dir + "/" + p.asText();
            byte[] bytes = file(files, p.asText(), where);
            if (bytes == null) {
                throw new IllegalArgumentException(where + ": missing (listed in " + manifest + ")");
            }
            all.writeBytes(bytes);
        }
        return ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static float[] tensor(JsonNode w, int n, ByteBuffer data, String manifest) {
        String name = w.path("name").asText();
        JsonNode q = w.path("quantization");
        float[] out = new float[n];
        if (!q.isMissingNode()) {
            if (!"uint8".equals(q.path("dtype").asText())) {
                throw new IllegalArgumentException(manifest + ": " + name + ": quantization "
                        + q.path("dtype").asText() + " is not supported (uint8 is)");
            }
            need(data, n, name, manifest);
            double scale = q.path("scale").asDouble();
            double min = q.path("min").asDouble();
            for (int i = 0; i < n; i++) {
                out[i] = (float) ((data.get() & 0xff) * scale + min);
            }
        } else if ("float32".equals(w.path("dtype").asText())) {
            need(data, 4L * n, name, manifest);
            for (int i = 0; i < n; i++) {
                out[i] = data.getFloat();
            }
        } else {
            throw new IllegalArgumentException(manifest + ": " + name + ": dtype " + w.path("dtype").asText()
                    + " is not supported (float32 is)");
        }
        return out;
    }

    private static void need(ByteBuffer data, long bytes, String name, String manifest) {
        if (data.remaining() < bytes) {
            throw new IllegalArgumentException(manifest + ": the weights files end inside " + name + " ("
                    + data.remaining() + " bytes left, " + bytes + " needed): truncated or not this manifest's");
        }
    }

    /** The values of tensor {@code name}, checked to have {@code shape}. */
    public float[] get(String name, long... shape) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(source + "/" + manifestName + ": no tensor " + name
                    + " (not the face-api model this manifest should hold?)");
        }
        if (!Arrays.equals(shapes.get(name), shape)) {
            throw new IllegalArgumentException(source + "/" + manifestName + ": " + name + " has shape "
                    + Arrays.toString(shapes.get(name)) + ", expected " + Arrays.toString(shape));
        }
        return v;
    }

    public int tensors() {
        return values.size();
    }

    public String source() {
        return source;
    }
}
