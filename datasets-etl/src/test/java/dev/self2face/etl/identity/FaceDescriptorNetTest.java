package dev.self2face.etl.identity;

import dev.self2face.testing.Media;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java network against face-api's own descriptors (computed once in Node by
 * test-tools/face-api-reference/make-references.sh and stored as numbers), and the weights reader's errors.
 */
class FaceDescriptorNetTest {
    /** Largest difference allowed per number, and between whole descriptors (measured 3.9e-7 and 1.2e-6). */
    static final double PER_NUMBER = 1e-5;
    static final double PER_DESCRIPTOR = 1e-4;

    static FaceDescriptorNet net;

    @BeforeAll
    static void load() {
        net = new FaceDescriptorNet(FaceApiWeights.read(Media.faceApi().toPath()));
    }

    @Test
    void descriptorsMatchFaceApisOwnOnTheReferenceFaces() throws IOException {
        Map<String, float[]> expected = reference();
        Map<String, byte[]> faces = ReferenceFaces.load();
        assertEquals(expected.keySet(), faces.keySet(), "the reference faces are the ones face-api saw");
        List<String> names = new ArrayList<>(faces.keySet());
        float[] all = new float[names.size() * FaceDescriptorNet.SIZE * FaceDescriptorNet.SIZE * 3];
        int o = 0;
        for (String name : names) {
            for (byte b : faces.get(name)) {
                all[o++] = b & 0xff;
            }
        }
        INDArray d = net.describe(Nd4j.create(all, new long[] {names.size(), FaceDescriptorNet.SIZE,
            FaceDescriptorNet.SIZE, 3}, 'c'));
        assertEquals(FaceDescriptorNet.DIMENSIONS, d.size(1));
        double worstNumber = 0;
        double worstDescriptor = 0;
        for (int i = 0; i < names.size(); i++) {
            float[] mine = d.getRow(i).toFloatVector();
            float[] theirs = expected.get(names.get(i));
            for (int k = 0; k < mine.length; k++) {
                worstNumber = Math.max(worstNumber, Math.abs(mine[k] - theirs[k]));
            }
            worstDescriptor = Math.max(worstDescriptor, IdentityClusters.distance(mine, theirs));
        }
        System.out.printf("face-api reference: largest difference per number %.2e, per descriptor %.2e%n",
                worstNumber, worstDescriptor);
        assertTrue(worstNumber < PER_NUMBER, "largest difference in one number: " + worstNumber);
        assertTrue(worstDescriptor < PER_DESCRIPTOR, "largest distance to face-api's descriptor: " + worstDescriptor);
        // and the descriptors mean something: Megamind's faces are far from Messi's
        float[] messi = d.getRow(names.indexOf("messi5")).toFloatVector();
        float[] megamind = d.getRow(names.indexOf("megamind-12")).toFloatVector();
        assertTrue(IdentityClusters.distance(messi, megamind) > 0.6);
    }

    static Map<String, float[]> reference() throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (InputStream in = FaceDescriptorNetTest.class.getResourceAsStream("/identity/face-api-reference.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                float[] v = new float[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = Float.parseFloat(f[i]);
                }
                out.put(f[0], v);
            }
        }
        return out;
    }

    @Test
    void missingOrDamagedWeightsNameTheFile(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        String missing = assertThrows(IllegalArgumentException.class, () -> FaceApiWeights.read(empty))
                .getMessage();
        assertTrue(missing.contains(empty.resolve(FaceApiWeights.MANIFEST).toString()), missing);

        Path truncated = dir.resolve("truncated");
        Files.createDirectories(truncated);
        Path source = Media.faceApi().toPath();
        Files.copy(source.resolve(FaceApiWeights.MANIFEST), truncated.resolve(FaceApiWeights.MANIFEST));
        byte[] bin = Files.readAllBytes(source.resolve("face_recognition_model.bin"));
        Files.write(truncated.resolve("face_recognition_model.bin"), java.util.Arrays.copyOf(bin, bin.length / 2));
        String cut = assertThrows(IllegalArgumentException.class, () -> FaceApiWeights.read(truncated))
                .getMessage();
        assertTrue(cut.contains(FaceApiWeights.MANIFEST) && cut.contains("truncated"), cut);

        Path garbage = dir.resolve("garbage");
        Files.createDirectories(garbage);
        Files.writeString(garbage.resolve(FaceApiWeights.MANIFEST), "{not json");
        String bad = assertThrows(IllegalArgumentException.class, () -> FaceApiWeights.read(garbage))
                .getMessage();
        assertTrue(bad.contains(garbage.resolve(FaceApiWeights.MANIFEST).toString()), bad);

        Path noBin = dir.resolve("nobin");
        Files.createDirectories(noBin);
        Files.copy(source.resolve(FaceApiWeights.MANIFEST), noBin.resolve(FaceApiWeights.MANIFEST));
        String absent = assertThrows(IllegalArgumentException.class, () -> FaceApiWeights.read(noBin))
                .getMessage();
        assertTrue(absent.contains(noBin.resolve("face_recognition_model.bin").toString()), absent);
    }
}
