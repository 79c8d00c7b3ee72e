package dev.self2face.job.bench;

import dev.self2face.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.model.layers.SpectralNormConvolution;
import dev.self2face.job.model.layers.SpectralNormParams;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The same model and step in PyTorch ({@code bench/torch_reference.py} in this jar), run by the machine's Python 3
 * with {@code torch} (Debian's {@code python3-torch}) as a child process with the same batch and threads. Its
 * parameter counts per layer are compared with the DL4J graphs', so both sides are known to train the same networks.
 */
public final class TorchReference {

    /** What PyTorch measured, and whether the networks match layer by layer (the differences when not). */
    public record Result(String torchVersion, int threads, double stepSeconds, double imagesPerSecond,
                         double peakRssMb, List<String> parameterDifferences, Map<String, Double> profile) {
    }

    private TorchReference() {
    }

    /** {@link #python()}'s answer, found once per JVM (each probe starts Python and imports torch). */
    private static String python;
    private static boolean probed;

    /** The Python to run: Debian's {@code /usr/bin/python3} first (a pyenv shim may shadow it), or null. */
    static synchronized String python() {
        if (!probed) {
            python = findPython();
            probed = true;
        }
        return python;
    }

    private static String findPython() {
        for (String p : List.of("/usr/bin/python3", "python3")) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import torch").redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(120, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    return p;
                }
            } catch (IOException e) {
                // not there: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Why the reference cannot run here, or null when it can. */
    public static String unavailable() {
        return python() == null ? "no Python 3 with torch (install Debian's python3-torch: bin/install-bench-tools)"
                : null;
    }

    /** The jar's {@code bench/torch_reference.py} as a temporary file, for Python to run; the caller deletes it. */
    static File script() throws IOException {
        File script = File.createTempFile("self2face-torch-reference", ".py");
        try (InputStream in = TorchReference.class.getResourceAsStream("/bench/torch_reference.py")) {
            Files.copy(in, script.toPath(), StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /** What the example recipe made: its samples [m, 3, s, s] in [-1, 1] and how long training took. */
    public record Trained(INDArray samples, double trainSeconds, String torchVersion) {
    }

    /**
     * Trains the PyTorch DCGAN example's recipe (the same networks as {@code s}, BCE, Adam 2e-4 / 0.5; with
     * {@code smallData} DiffAugment, flips and G's moving average as the papers write them, else no augmentation)
     * on {@code faces} [n, 3, s, s] in [-1, 1] for {@code steps} steps of {@code batch}, and returns {@code samples}
     * of its faces.
     */
    public static Trained trainOnFaces(ModelSettings s, INDArray faces, int batch, int steps, int threads,
                                       int samples, boolean smallData) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--model", "dcgan", "--z-dim", String.valueOf(s.zDim()),
                "--samples", String.valueOf(samples)));
        if (smallData) {
            args.add("--small-data");
        }
        return train(s, batch, steps, threads, args, Map.of("--faces", faces), samples);
    }

    /**
     * Trains pix2pix as its paper does (the same networks as {@code s}, BCE + λ·L1 with {@code s}'s λ, Adam
     * 2e-4 / 0.5, dropout in G) on the pairs ({@code conditions}, {@code faces}) for {@code steps} steps of
     * {@code batch}, and returns G's faces for {@code valConditions} (G in training mode, as self2face evaluates).
     */
    public static Trained trainOnPairs(ModelSettings s, INDArray conditions, INDArray faces, INDArray valConditions,
                                       int batch, int steps, int threads) throws IOException, InterruptedException {
        Map<String, INDArray> in = new LinkedHashMap<>();
        in.put("--conditions", conditions);
        in.put("--faces", faces);
        in.put("--val-conditions", valConditions);
        return train(s, batch, steps, threads, List.of("--model", "pix2pix", "--lambda-l1",
                String.valueOf(s.lambdaL1())), in, (int) valConditions.size(0));
    }

    /** Runs the script on images handed over as files (option -> images), and reads the {@code count} it writes. */
    private static Trained train(ModelSettings s, int batch, int steps, int threads, List<String> modelArgs,
                                 Map<String, INDArray> images, int count) throws IOException, InterruptedException {
        int side = s.size();
        File script = script();
        File out = File.createTempFile("self2face-samples", ".rgb");
        List<File> inputs = new ArrayList<>();
        try {
            List<String> cmd = new ArrayList<>(List.of(python(), script.getPath(), "--size", String.valueOf(side),
                    "--batch", String.valueOf(batch), "--ngf", String.valueOf(s.ngf()), "--ndf",
                    String.valueOf(s.ndf()), "--steps", String.valueOf(steps), "--threads", String.valueOf(threads),
                    "--samples-out", out.getPath(), "--seed", String.valueOf(s.seed())));
            cmd.addAll(modelArgs);
            for (Map.Entry<String, INDArray> e : images.entrySet()) {
                File f = File.createTempFile("self2face-images", ".rgb");
                inputs.add(f);
                Files.write(f.toPath(), rgbBytes(e.getValue()));
                cmd.add(e.getKey());
                cmd.add(f.getPath());
            }
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("the PyTorch reference failed (exit " + p.exitValue() + "): " + said);
            }
            JsonNode j = Json.MAPPER.readTree(said.substring(said.lastIndexOf('{')));
            return new Trained(fromRgbBytes(Files.readAllBytes(out.toPath()), count, side),
                    j.get("train_seconds").asDouble(), j.get("torch").asText());
        } finally {
            Files.deleteIfExists(script.toPath());
            Files.deleteIfExists(out.toPath());
            for (File f : inputs) {
                Files.deleteIfExists(f.toPath());
            }
        }
    }

    /** uint8 RGB, pixel after pixel, as images [count, 3, side, side] in [-1, 1]. */
    private static INDArray fromRgbBytes(byte[] raw, int count, int side) {
        float[] v = new float[count * 3 * side * side];
        int per = side * side;
        for (int i = 0; i < count; i++) {
            for (int px = 0; px < per; px++) {
                for (int c = 0; c < 3; c++) {
                    v[i * 3 * per + c * per + px] = (raw[(i * per + px) * 3 + c] & 0xff) / 127.5f - 1;
                }
            }
        }
        return Nd4j.create(v, new long[] {count, 3, side, side}, 'c');
    }

    /** Images [n, 3, s, s] in [-1, 1] as uint8 RGB, pixel after pixel. */
    private static byte[] rgbBytes(INDArray images) {
        int n = (int) images.size(0);
        int per = (int) (images.size(2) * images.size(3));
        float[] v = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        byte[] out = new byte[n * per * 3];
        for (int i = 0; i < n; i++) {
            for (int px = 0; px < per; px++) {
                for (int c = 0; c < 3; c++) {
                    out[(i * per + px) * 3 + c] = (byte) Math.max(0, Math.min(255,
                            Math.round((v[i * 3 * per + c * per + px] + 1) * 127.5)));
                }
            }
        }
        return out;
    }

    /**
     * Parameters per layer of DL4J graphs, by layer name, without batch norm's running mean and variance (DL4J
     * stores them as parameters, PyTorch as buffers); layers without parameters are left out.
     */
    public static Map<String, Long> parameters(ComputationGraph... graphs) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ComputationGraph g : graphs) {
            for (Layer l : g.getLayers()) {
                long n = l.numParams();
                if (l instanceof BatchNormalization bn) {
                    n -= 2 * bn.getParam("mean").length();
                }
                if (l instanceof SpectralNormConvolution sn) {
                    n -= sn.getParam(SpectralNormParams.U_KEY).length(); // u: PyTorch keeps it as a buffer
                }
                if (n > 0) {
                    out.put(l.conf().getLayer().getLayerName(), n);
                }
            }
        }
        return out;
    }

    /** One PyTorch step by kind of op (self time), largest first. */
    static String profileTable(String what, Result r) {
        StringBuilder b = new StringBuilder("| PyTorch, " + what + " | seconds in one step |\n|---|---:|\n");
        r.profile().entrySet().stream().sorted((a, c) -> Double.compare(c.getValue(), a.getValue()))
                .forEach(e -> b.append(String.format(Locale.ROOT, "| %s | %.3f |%n", e.getKey(), e.getValue())));
        return b.toString();
    }

    static List<String> differences(Map<String, Long> dl4j, Map<String, Long> torch) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : dl4j.entrySet()) {
            Long t = torch.get(e.getKey());
            if (!e.getValue().equals(t)) {
                out.add(e.getKey() + ": DL4J " + e.getValue() + ", PyTorch " + t);
            }
        }
        for (String k : torch.keySet()) {
            if (!dl4j.containsKey(k)) {
                out.add(k + ": only in PyTorch (" + torch.get(k) + ")");
            }
        }
        return out;
    }
}
