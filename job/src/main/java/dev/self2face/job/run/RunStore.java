package dev.self2face.job.run;

import dev.self2face.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.self2face.storage.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of a training run on any Hadoop filesystem (local, s3a, hdfs), and its publish rule: everything is
 * written into the run's directory while it trains, {@value #SUCCESS} is written last, and nothing loads a run
 * without it. Checkpoints are complete only once their {@value #COMPLETE} marker exists.
 * <pre>
 * RUN/run.json  config.json  metrics.jsonl  samples/step-000100.png  checkpoints/step-000200/…
 *     loss.png  grid.png  generator.zip  discriminator.zip  evaluation.json  _SUCCESS
 * </pre>
 */
public final class RunStore {
    public static final String SUCCESS = "_SUCCESS";
    public static final String COMPLETE = "_COMPLETE";
    public static final String INFO = "run.json";
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String GENERATOR = "generator.zip";
    public static final String DISCRIMINATOR = "discriminator.zip";
    public static final String LOSS_PLOT = "loss.png";
    public static final String GRID = "grid.png";
    public static final String EVALUATION = "evaluation.json";
    public static final String CASES = "cases.json";
    public static final String REPORT = "report.html";
    public static final String SAMPLES = "samples";

    private final Storage storage;
    private final String uri;
    private final Path root;

    public RunStore(Storage storage, String uri) {
        this.storage = storage;
        this.uri = uri;
        this.root = Storage.path(uri);
    }

    public String uri() {
        return uri;
    }

    public Path path(String relative) {
        return new Path(root, relative);
    }

    public boolean published() throws IOException {
        return storage.exists(path(SUCCESS));
    }

    /** True when the directory holds anything of a run (info, metrics or checkpoints). */
    public boolean started() throws IOException {
        return storage.exists(path(INFO)) || storage.exists(path("checkpoints"));
    }

    /** Loads a published run's info; a clear {@link RunError} when it is missing, unpublished or not a run. */
    public RunInfo load() {
        try {
            if (!storage.exists(root)) {
                throw new RunError("run " + uri + ": no such directory");
            }
            if (!storage.exists(path(INFO))) {
                throw new RunError("run " + uri + ": no " + INFO + " (not a self2face training run)");
            }
            if (!published()) {
                throw new RunError("run " + uri + ": not published (no " + SUCCESS + "): it is still training, "
                        + "failed or was killed; `train --resume` finishes it");
            }
            return readInfo();
        } catch (IOException e) {
            throw new RunError("run " + uri + ": cannot read (" + e.getMessage() + ")");
        }
    }

    public RunInfo readInfo() throws IOException {
        return Json.MAPPER.readValue(storage.read(path(INFO)), RunInfo.class);
    }

    public void writeInfo(RunInfo info) throws IOException {
        writeJson(INFO, info);
    }

    public void writeJson(String relative, Object value) throws IOException {
        storage.writeAtomically(path(relative), Json.PRETTY.writeValueAsBytes(value));
    }

    public void write(String relative, byte[] bytes) throws IOException {
        storage.writeAtomically(path(relative), bytes);
    }

    /** The numbers of the run's evaluation.json (its final figures and baselines), by name. */
    public Map<String, Double> readEvaluationFigures() throws IOException {
        JsonNode n = Json.MAPPER.readTree(read(EVALUATION));
        Map<String, Double> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                out.put(e.getKey(), e.getValue().asDouble());
            }
        });
        return out;
    }

    public byte[] read(String relative) throws IOException {
        return storage.read(path(relative));
    }

    public void writeMetrics(List<String> lines) throws IOException {
        write(METRICS, (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
    }

    public List<String> readMetrics() throws IOException {
        if (!storage.exists(path(METRICS))) {
            return new ArrayList<>();
        }
        String s = new String(read(METRICS), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    public Storage storage() {
        return storage;
    }

    public boolean exists(String relative) throws IOException {
        return storage.exists(path(relative));
    }

    /** The sample grids written so far ({@value #SAMPLES}/…png), in step order. */
    public List<String> sampleGrids() throws IOException {
        Path dir = path(SAMPLES);
        if (!storage.exists(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (FileStatus st : storage.fs(dir).listStatus(dir)) {
            String name = st.getPath().getName();
            if (name.endsWith(".png") && !name.startsWith("_tmp") && !name.startsWith(".")) {
                out.add(SAMPLES + "/" + name);
            }
        }
        out.sort(null);
        return out;
    }

    public static String checkpointDir(long step) {
        return String.format("checkpoints/step-%08d", step);
    }

    /** Marks a checkpoint complete, then deletes all but the newest {@code keep} complete ones. */
    public void completeCheckpoint(long step, int keep) throws IOException {
        write(checkpointDir(step) + "/" + COMPLETE, new byte[0]);
        List<Long> steps = completeCheckpoints();
        FileSystem fs = storage.fs(root);
        for (int i = 0; i + keep < steps.size(); i++) {
            fs.delete(path(checkpointDir(steps.get(i))), true);
        }
    }

    /** Steps of the complete checkpoints, oldest first. */
    public List<Long> completeCheckpoints() throws IOException {
        Path dir = path("checkpoints");
        List<Long> steps = new ArrayList<>();
        if (!storage.exists(dir)) {
            return steps;
        }
        for (FileStatus st : storage.fs(dir).listStatus(dir)) {
            String name = st.getPath().getName();
            if (st.isDirectory() && name.startsWith("step-")
                    && storage.exists(new Path(st.getPath(), COMPLETE))) {
                steps.add(Long.parseLong(name.substring(5)));
            }
        }
        steps.sort(Comparator.naturalOrder());
        return steps;
    }

    /**
     * Removes what a run that died left behind: checkpoints without their {@value #COMPLETE} marker and the
     * temporary files of atomic writes ({@code _tmp-*}) anywhere in the run. Only for the run's lock holder.
     *
     * @return the steps of the incomplete checkpoints removed (oldest first) and how many temporary files went
     */
    public Leftovers removeLeftovers() throws IOException {
        FileSystem fs = storage.fs(root);
        List<Long> incomplete = new ArrayList<>();
        Path dir = path("checkpoints");
        if (fs.exists(dir)) {
            for (FileStatus st : fs.listStatus(dir)) {
                String name = st.getPath().getName();
                if (st.isDirectory() && name.startsWith("step-") && !fs.exists(new Path(st.getPath(), COMPLETE))) {
                    fs.delete(st.getPath(), true);
                    incomplete.add(Long.parseLong(name.substring(5)));
                }
            }
        }
        incomplete.sort(Comparator.naturalOrder());
        int temporary = 0;
        if (fs.exists(root)) {
            var it = fs.listFiles(root, true);
            List<Path> doomed = new ArrayList<>();
            while (it.hasNext()) {
                Path p = it.next().getPath();
                if (p.getName().startsWith("_tmp-") || p.getName().startsWith("_write-probe-")) {
                    doomed.add(p);
                }
            }
            for (Path p : doomed) {
                fs.delete(p, false);
                temporary++;
            }
        }
        return new Leftovers(incomplete, temporary);
    }

    /** What {@link #removeLeftovers()} removed. */
    public record Leftovers(List<Long> incompleteCheckpoints, int temporaryFiles) {
    }

    public Optional<Long> latestCheckpoint() throws IOException {
        List<Long> s = completeCheckpoints();
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(s.size() - 1));
    }

    /** The last act of a run: everything it promises exists, so readers may now use it. */
    public void publish() throws IOException {
        for (String f : List.of(INFO, CONFIG, METRICS, GENERATOR, DISCRIMINATOR, LOSS_PLOT, GRID, EVALUATION)) {
            if (!storage.exists(path(f))) {
                throw new IOException("run " + uri + ": " + f + " missing, not publishing");
            }
        }
        write(SUCCESS, new byte[0]);
    }
}
