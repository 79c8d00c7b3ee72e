package dev.self2face.job.sweep;

import dev.self2face.json.Json;
import dev.self2face.job.run.RunError;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
        Head old = Json.MAPPER.readValue(storage.read(file), Head.class);
        if (!k.spaceText().equals(old.space()) || !k.training().m().kind().equals(old.model())) {
            throw new RunError("sweep " + k.out() + " holds a sweep of another space file or model ("
                    + old.spaceFile() + ", " + old.model() + "): continue it with that space file, or choose another"
                    + " --out");
        }
        return new SweepState(storage, k, old.startedAt());
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

    /** {@code sweep.json} as written. */
    record SweepFile(String kind, String status, String model, String data, String spaceFile, String space,
                     String metric, String goal, String algorithm, int eta, List<Integer> rungs, List<Trial> trials,
                     Map<Integer, List<TrialResult>> results, Map<Integer, List<String>> promotions,
                     List<TrialResult> ranking, TrialResult best, String startedAt, String finishedAt) {
    }

    /** What a continued sweep reads back from its {@code sweep.json} (the rest is made again from the space). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Head(String space, String model, String spaceFile, String startedAt) {
    }

    void save() throws IOException {
        SweepFile f = new SweepFile("self2face-sweep", finishedAt == null ? "running" : "finished",
                k.training().m().kind(), k.training().t().data(), k.space().file(), k.spaceText(), k.space().metric(),
                k.maximize() ? "maximize" : "minimize",
                k.space().algorithm().name().toLowerCase(java.util.Locale.ROOT), k.space().eta(), k.space().rungs(),
                trials, results, promotions, ranking(), best(), startedAt, finishedAt);
        storage.writeAtomically(new Path(Storage.path(k.out()), FILE), Json.PRETTY.writeValueAsBytes(f));
    }

    /** Marks the sweep finished: sweep.json, then {@code _SUCCESS}. */
    void finish() throws IOException {
        finishedAt = Instant.now().toString();
        save();
        storage.writeAtomically(new Path(Storage.path(k.out()), SUCCESS), finishedAt.getBytes());
    }
}
