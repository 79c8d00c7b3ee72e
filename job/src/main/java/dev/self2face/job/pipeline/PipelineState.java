package dev.self2face.job.pipeline;

import dev.self2face.json.Json;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.self2face.storage.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ROOT/runs/RUN-ID/pipeline.json}: a pipeline run's state, rewritten (atomically) as it moves on, so that the
 * next pipeline on the root knows whether the last one finished, and if not, where it stopped.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class PipelineState {
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String ABANDONED = "abandoned";

    public String id;
    public String status = RUNNING;
    /** What it was doing last: a {@link PipelineStage}'s label (etl, train MODEL, evaluate, publish, summary). */
    public String stage = PipelineStage.START.label(null);
    public String startedAt;
    public String finishedAt;
    public String host;
    /** A hash of the inputs and the config: a stopped run is continued only by a pipeline with the same ones. */
    public String fingerprint;
    /** Set when this run was continued by a later pipeline: where it had stopped (or why it was abandoned). */
    public String note;
    /** The ETL's outcome, once it is done. */
    public Etl etl;
    /** Per model: how far it got. */
    public Map<String, Decision> models = new LinkedHashMap<>();
    /** Wall seconds of each stage so far (a continued run adds to those of the run it continues). */
    public Map<String, Double> stageSeconds = new LinkedHashMap<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Etl {
        public List<String> processed = new ArrayList<>();
        public List<String> rejected = new ArrayList<>();
        public long pairsBefore;
        public long pairs;
        public long train;
        public long val;
        public long sources;
    }

    void write(Storage storage, String root) throws IOException {
        storage.writeAtomically(Storage.path(PipelineLayout.run(root, id) + "/" + PipelineLayout.STATE),
                Json.PRETTY.writeValueAsBytes(this));
    }

    static Optional<PipelineState> read(Storage storage, String root, String id) throws IOException {
        Path p = Storage.path(PipelineLayout.run(root, id) + "/" + PipelineLayout.STATE);
        return storage.exists(p) ? Optional.of(Json.MAPPER.readValue(storage.read(p), PipelineState.class))
                : Optional.empty();
    }

    /** The newest pipeline run on the root that did not finish (killed, or failed), if any. */
    static Optional<PipelineState> unfinished(Storage storage, String root) throws IOException {
        Path runs = Storage.path(PipelineLayout.runs(root));
        FileSystem fs = storage.fs(runs);
        if (!fs.exists(runs)) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (FileStatus st : fs.listStatus(runs)) {
            if (st.isDirectory()) {
                ids.add(st.getPath().getName());
            }
        }
        ids.sort(null);
        for (int i = ids.size() - 1; i >= 0; i--) {
            Optional<PipelineState> s = read(storage, root, ids.get(i));
            if (s.isPresent() && RUNNING.equals(s.get().status)) {
                return s;
            }
        }
        return Optional.empty();
    }
}
