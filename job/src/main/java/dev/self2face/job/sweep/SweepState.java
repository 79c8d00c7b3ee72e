package dev.self2face.job.sweep;

import dev.self2face.json.Json;
import dev.self2face.job.run.RunError;
import com.fasterxml.jackson.databind.JsonNode;
import dev.self2face.storage.Storage;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code sweep.json}: the space, the trials, every rung's results and promotions, and the best, rewritten after
 * every rung (status {@code running}) and at the end ({@code finished}, then {@code _SUCCESS}). A sweep started
 * again on the same output must have the same space file: the trials are drawn from it, and the trials' own result
 * files say what finished.
 */
final class SweepState {
    static final String FILE = "sweep.json";
    static final String SUCCESS = "_SUCCESS";

    private final Storage storage;
    private final Sweep.Checked k;
    private final List<Trial> trials;
    private final Map<Integer, List<TrialResult>> results = new TreeMap<>();
    private final Map<Integer, List<String>> promotions = new TreeMap<>();
    private final String startedAt;
    private String finishedAt;

    private SweepState(Storage storage, Sweep.Checked k, String startedAt) {
        this.storage = storage;
        this.k = k;
        this.trials = Trial.draw(k.space());
        this.startedAt = startedAt;
    }

    /** A new sweep, or the one {@code out} holds if it has the same space and model and did not finish. */
    static SweepState open(Storage storage, Sweep.Checked k) throws IOException {
        Path root = Storage.path(k.out());
        if (storage.exists(new Path(root, SUCCESS))) {
            throw new RunError("sweep " + k.out() + " has finished (" + SUCCESS + "): choose another --out");
        }
        Path file = new Path(root, FILE);
        if (!storage.exists(file)) {
            return new SweepState(storage, k, Instant.now().toString());
        }
        JsonNode old = Json.MAPPER.readTree(storage.read(file));
        if (!k.spaceText().equals(old.path("space").asText()) || !k.training().m().kind().equals(
                old.path("model").asText())) {
            throw new RunError("sweep " + k.out() + " holds a sweep of another space file or model ("
                    + text(old, "space_file", "spaceFile") + ", " + old.path("model").asText() + "): continue it with that"
                    + " space file, or choose another --out");
        }
        return new SweepState(storage, k, text(old, "started_at", "startedAt"));
    }

    List<Trial> trials() {
        return trials;
    }

    void record(int rung, List<TrialResult> rungResults) {
        List<TrialResult> sorted = new ArrayList<>(rungResults);
        sorted.sort(Promotion.order(k.maximize()));
        results.put(rung, sorted);
    }

    void promote(int rung, List<String> ids) {
        promotions.put(rung, ids);
    }

    Map<Integer, List<TrialResult>> results() {
        return results;
    }

    Map<Integer, List<String>> promotions() {
        return promotions;
    }

    /** The best finished result of the last rung any trial finished well; null when all failed. */
    TrialResult best() {
        List<Integer> rungs = new ArrayList<>(results.keySet());
        for (int i = rungs.size() - 1; i >= 0; i--) {
            for (TrialResult r : results.get(rungs.get(i))) {
                if (r.ok()) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Every trial's last result (the highest rung it reached), best first: the sweep's ranking. */
    List<TrialResult> ranking() {
        Map<String, TrialResult> last = new LinkedHashMap<>();
        for (List<TrialResult> rung : results.values()) {
            for (TrialResult r : rung) {
                last.put(r.id(), r);
            }
        }
        List<TrialResult> out = new ArrayList<>(last.values());
        // finished trials first, those that reached a later rung before those stopped earlier, then by the metric
        out.sort(java.util.Comparator.comparing((TrialResult r) -> !r.ok())
                .thenComparing(r -> r.ok() ? -r.rung() : 0)
                .thenComparing(Promotion.order(k.maximize())));
        return out;
    }

    /** A key of sweep.json, or its name in files of earlier versions. */
    private static String text(JsonNode json, String key, String earlierKey) {
        return json.has(key) ? json.path(key).asText() : json.path(earlierKey).asText();
    }

    void save() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "self2face-sweep");
        m.put("status", finishedAt == null ? "running" : "finished");
        m.put("model", k.training().m().kind());
        m.put("data", k.training().t().data());
        m.put("space_file", k.space().file());
        m.put("space", k.spaceText());
        m.put("metric", k.space().metric());
        m.put("goal", k.maximize() ? "maximize" : "minimize");
        m.put("algorithm", k.space().algorithm().name().toLowerCase(java.util.Locale.ROOT));
        m.put("eta", k.space().eta());
        m.put("rungs", k.space().rungs());
        m.put("trials", trials);
        m.put("results", results);
        m.put("promotions", promotions);
        m.put("ranking", ranking());
        m.put("best", best());
        m.put("started_at", startedAt);
        m.put("finished_at", finishedAt);
        storage.writeAtomically(new Path(Storage.path(k.out()), FILE), Json.PRETTY.writeValueAsBytes(m));
    }

    /** Marks the sweep finished: sweep.json, then {@code _SUCCESS}. */
    void finish() throws IOException {
        finishedAt = Instant.now().toString();
        save();
        storage.writeAtomically(new Path(Storage.path(k.out()), SUCCESS), finishedAt.getBytes());
    }
}
