package dev.self2face.job.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.json.Json;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch reference's training step ({@code bench/torch_reference.py --serve}) as a child process that times
 * blocks of its steps when asked, so that {@code bench train} can alternate them with blocks of self2face's: both
 * sides then meet the same machine, where one side's steps after the other's would each meet a different minute of
 * a shared host. Started after its warm-up; {@link #close} ends the process if {@link #finish} was not reached.
 */
final class TorchSteps implements AutoCloseable {
    private final Process process;
    private final File script;
    private final BufferedReader answers;
    private final Writer requests;

    private TorchSteps(Process process, File script) {
        this.process = process;
        this.script = script;
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Builds the same networks as {@code s} in PyTorch and runs {@code warmup} untimed steps; returns when done. */
    static TorchSteps start(ModelSettings s, int batch, int warmup, int threads, boolean profile)
            throws IOException {
        File script = TorchReference.script();
        List<String> cmd = new ArrayList<>(List.of(TorchReference.python(), script.getPath(), "--serve", "--model",
                s.kind(), "--size", String.valueOf(s.size()), "--batch", String.valueOf(batch), "--ngf",
                String.valueOf(s.ngf()), "--ndf", String.valueOf(s.ndf()), "--z-dim", String.valueOf(s.zDim()),
                "--lambda-l1", String.valueOf(s.lambdaL1()), "--warmup", String.valueOf(warmup), "--threads",
                String.valueOf(threads), "--labels", String.valueOf(Math.max(1, s.attributes().size())),
                "--lambda-cls", String.valueOf(s.lambdaCls())));
        if (profile) {
            cmd.add("--profile");
        }
        TorchSteps t = new TorchSteps(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start(),
                script);
        try {
            t.answer("ready");
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** Times {@code n} more steps; their seconds. */
    double[] time(int n) throws IOException {
        requests.write("steps " + n + "\n");
        requests.flush();
        JsonNode times = answer("times").get("times");
        double[] out = new double[times.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = times.get(i).asDouble();
        }
        return out;
    }

    /** Ends the session: the median of all timed steps, peak memory, and the networks' parameters against DL4J's. */
    TorchReference.Result finish(Map<String, Long> dl4jParameters) throws IOException, InterruptedException {
        requests.write("end\n");
        requests.flush();
        JsonNode j = answer("parameters");
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("the PyTorch reference did not end cleanly");
        }
        Map<String, Long> torch = new LinkedHashMap<>();
        j.get("parameters").fields().forEachRemaining(e -> torch.put(e.getKey(), e.getValue().asLong()));
        Map<String, Double> kinds = new TreeMap<>();
        if (j.has("profile")) {
            j.get("profile").fields().forEachRemaining(e -> kinds.put(e.getKey(), e.getValue().asDouble()));
        }
        return new TorchReference.Result(j.get("torch").asText(), j.get("threads").asInt(),
                j.get("step_seconds").asDouble(), j.get("images_per_second").asDouble(),
                j.get("peak_rss_mb").asDouble(), TorchReference.differences(dl4jParameters, torch), kinds);
    }

    /** The next JSON line that has {@code field} (anything else the script prints is skipped). */
    private JsonNode answer(String field) throws IOException {
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.startsWith("{")) {
                JsonNode j = Json.MAPPER.readTree(line);
                if (j.has(field)) {
                    return j;
                }
            }
        }
        throw new IOException("the PyTorch reference ended before answering (exit "
                + (process.isAlive() ? "none yet" : process.exitValue()) + ")");
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(script.toPath());
    }
}
