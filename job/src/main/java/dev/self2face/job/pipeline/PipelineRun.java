package dev.self2face.job.pipeline;

import dev.self2face.config.ConfigError;
import dev.self2face.etl.EtlJob;
import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.job.etl.EtlRun;
import dev.self2face.job.eval.QualityWarning;
import dev.self2face.job.eval.QualityWatch;
import dev.self2face.job.run.ModelFolder;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.job.train.TrainingRun;
import dev.self2face.storage.LocalCopies;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import dev.self2face.storage.WriterLock;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The nightly retrain, one pipeline run on a root ({@link PipelineLayout}): under the root's lock, the ETL grows the
 * dataset with new or changed videos, each model trains a candidate, candidate and live model are measured on the
 * same val pairs, the quality gate decides, passing candidates are published and LATEST moved, and a summary is
 * written. Composes the services the single commands use ({@link EtlRun}, {@link TrainingRun}, the metric registry,
 * {@link ModelFolder}); one Spark session for all of it. A run that was killed or failed is continued by the next
 * pipeline with the same inputs and settings (finished stages are not repeated, training resumes from its
 * checkpoint); with other inputs or settings it is marked abandoned and a new run starts.
 */
public final class PipelineRun {
    private static final Logger LOG = LoggerFactory.getLogger("self2face.pipeline");

    /** What the command prints: the summary's place and its console table. */
    public record Outcome(String summary, String table) {
    }

    private final PipelineSettings p;
    private final StorageSettings storageSettings;
    private final Storage storage;
    /** Each model's training settings as checked once before it trained (reused by its gate). */
    private final Map<String, TrainingRun.Checked> checked = new LinkedHashMap<>();
    /** When the current stage began (System.nanoTime), 0 before the first. */
    private long stageStarted;

    /** The ETL of this run, checked before Spark starts. */
    private EtlRun.Checked etlRun;

    private PipelineRun(PipelineSettings p) {
        this.p = p;
        this.storageSettings = p.spark().storage();
        this.storage = new Storage(storageSettings);
    }

    /** Checks everything that can be checked, then runs (or, with {@code dryRun}, only says what it would do). */
    public static Outcome run(PipelineSettings p, boolean dryRun) throws IOException {
        PipelineRun run = new PipelineRun(p);
        if (!dryRun) {
            // another pipeline on the root is named as such, before the dataset's lock (which it also holds)
            WriterLock.checkFree(run.storage, run.p.root(), run.storageSettings.lockStale());
        }
        run.etlRun = EtlRun.check(p.etl(), p.inputs(), PipelineLayout.dataset(p.root()), !dryRun);
        if (dryRun) {
            return new Outcome(null, PipelinePlan.describe(run.storage, run.p, run.fingerprint()));
        }
        return run.run();
    }

    private Outcome run() throws IOException {
        String root = p.root();
        try (WriterLock lock = WriterLock.acquire(storage, root, "pipeline", storageSettings.lockStale())) {
            PipelineState state = startOrContinue();
            try (SparkSession spark = JobSpark.start(p.spark(), "pipeline")) {
                return stages(spark, state);
            }
        }
    }

    private PipelineState startOrContinue() throws IOException {
        String fingerprint = fingerprint();
        Optional<PipelineState> stopped = PipelineState.unfinished(storage, p.root());
        if (stopped.isPresent() && fingerprint.equals(stopped.get().fingerprint)) {
            PipelineState s = stopped.get();
            LOG.info("continuing pipeline run {}, which stopped during '{}' (killed or failed); finished stages are "
                    + "not repeated", s.id, s.stage);
            s.note = "continued after it stopped during '" + s.stage + "'";
            return s;
        }
        if (stopped.isPresent()) {
            PipelineState old = stopped.get();
            old.status = PipelineState.ABANDONED;
            old.note = "stopped during '" + old.stage + "'; the next pipeline had other inputs or settings and "
                    + "started over";
            old.write(storage, p.root());
            LOG.info("starting over: the unfinished pipeline run {} (stopped during '{}') had other inputs or "
                    + "settings; it is marked abandoned", old.id, old.stage);
        }
        PipelineState s = new PipelineState();
        s.id = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        s.startedAt = Instant.now().toString();
        s.host = host();
        s.fingerprint = fingerprint;
        s.write(storage, p.root());
        LOG.info("starting pipeline run {} on {}", s.id, p.root());
        return s;
    }

    private Outcome stages(SparkSession spark, PipelineState state) throws IOException {
        String root = p.root();
        String dataset = PipelineLayout.dataset(root);
        if (state.etl == null) {
            move(state, PipelineStage.ETL, null);
            state.etl = etl(spark, dataset);
            state.write(storage, root);
        }
        // the dataset stays as the ETL left it until the summary: an `etl` into it from elsewhere is refused, so every
        // candidate trains, and is measured, on the pairs the summary counts
        try (WriterLock pinned = WriterLock.acquire(storage, dataset, "pipeline run " + state.id + " (training and "
                + "measuring on it)", storageSettings.lockStale())) {
            return afterEtl(spark, state);
        }
    }

    private Outcome afterEtl(SparkSession spark, PipelineState state) throws IOException {
        String root = p.root();
        List<PipelineSummary.ModelOutcome> outcomes = new ArrayList<>();
        Map<String, LiveModel> liveBefore = liveBefore();
        boolean unchanged = state.etl.processed.isEmpty();
        String note;
        if (unchanged && !p.retrainIfUnchanged() && state.models.isEmpty()) {
            note = "no new or changed video; pipeline.retrain-if-unchanged = false: nothing trained";
            for (String id : p.models().keySet()) {
                PipelineSummary.ModelOutcome o = new PipelineSummary.ModelOutcome();
                o.model = id;
                o.live = liveBefore.get(id).run();
                o.liveDamage = liveBefore.get(id).damage();
                o.reason = "nothing new to learn from; the live model stays";
                outcomes.add(o);
            }
        } else {
            note = unchanged ? "no new or changed video; retrained (pipeline.retrain-if-unchanged = true)"
                    : state.etl.processed.size() + " new or changed video(s)";
            for (String id : p.models().keySet()) {
                outcomes.add(train(spark, state, id, liveBefore.get(id)));
            }
            move(state, PipelineStage.EVALUATE, null);
            for (PipelineSummary.ModelOutcome o : outcomes) {
                gate(spark, state, o);
            }
            move(state, PipelineStage.PUBLISH, null);
            for (PipelineSummary.ModelOutcome o : outcomes) {
                publish(state, o);
            }
        }
        move(state, PipelineStage.SUMMARY, null);
        state.status = PipelineState.FINISHED;
        state.finishedAt = Instant.now().toString();
        PipelineSummary.Summary json = PipelineSummary.summary(state, root, note, outcomes, liveModels(outcomes));
        PipelineSummary.write(storage, root, state, json, outcomes);
        state.write(storage, root);
        StringBuilder table = new StringBuilder(note).append('\n').append(PipelineSummary.table(outcomes));
        outcomes.stream().filter(o -> o.liveDamage != null && o.published == null).forEach(o -> table.append("live ")
                .append(o.model).append(": none usable (").append(o.live).append(" cannot be read: ")
                .append(o.liveDamage).append(")\n"));
        liveModels(outcomes).forEach((id, run) -> table.append("live ").append(id).append(": ").append(run)
                .append("  (grid ").append(run).append('/').append(RunStore.GRID).append(", report ").append(run)
                .append('/').append(RunStore.REPORT).append(")\n"));
        table.append("stages: ").append(String.join(" · ", state.stageSeconds.entrySet().stream()
                .map(e -> e.getKey() + " " + Math.round(e.getValue()) + " s").toList())).append('\n');
        table.append("report: ").append(PipelineLayout.run(root, state.id)).append('/')
                .append(PipelineLayout.SUMMARY_HTML).append('\n');
        LOG.info("pipeline run {} finished: {}", state.id, note);
        return new Outcome(PipelineLayout.run(root, state.id) + "/" + PipelineLayout.SUMMARY, table.toString());
    }

    private PipelineState.Etl etl(SparkSession spark, String dataset) throws IOException {
        Manifest before = new DatasetPublisher(storage, dataset).readManifest();
        EtlJob.Result r = EtlRun.run(spark, etlRun);
        PipelineState.Etl e = new PipelineState.Etl();
        e.pairsBefore = before == null ? 0 : before.totals.pairs;
        Manifest m = r.manifest();
        e.pairs = m.totals.pairs;
        e.train = m.totals.train;
        e.val = m.totals.val;
        e.sources = m.totals.sources;
        for (String sourceId : r.processed()) {
            Manifest.Source s = m.sources.get(sourceId);
            String uri = s == null ? sourceId : s.uri;
            if (s != null && "rejected".equals(s.status)) {
                // one entry per rejected video, with its reasons (a video's segments may each have one)
                List<String> why = r.rejectedReasons().stream().filter(x -> x.startsWith(uri + " [")).toList();
                e.rejected.add(why.isEmpty() ? uri : String.join("; ", why));
            } else {
                e.processed.add(uri);
            }
        }
        LOG.info("etl: {} new or changed video(s) processed; the dataset has {} pairs ({} before)",
                e.processed.size(), e.pairs, e.pairsBefore);
        return e;
    }

    /** Trains (or resumes, or finds already trained) the candidate of one model. */
    private PipelineSummary.ModelOutcome train(SparkSession spark, PipelineState state, String id, LiveModel live)
            throws IOException {
        PipelineSummary.ModelOutcome o = new PipelineSummary.ModelOutcome();
        o.model = id;
        o.live = live.run();
        o.liveDamage = live.damage();
        o.candidate = PipelineLayout.candidate(p.root(), state.id, id);
        RunStore candidate = new RunStore(storage, o.candidate);
        if (candidate.published()) {
            LOG.info("{}: the candidate {} was trained before this pipeline run stopped", id, o.candidate);
            o.decision = Decision.TRAINED;
            return o;
        }
        move(state, PipelineStage.TRAIN, id);
        TrainingRun.Checked k = null;
        if (p.warmStart() && live.usable()) {
            try {
                k = TrainingRun.check(candidateSettings(state.id, id, candidate.started(), live.run()));
                o.warmStart = live.run();
            } catch (ConfigError e) {
                LOG.warn("{}: no warm start ({}); the candidate starts from random weights", id, e.getMessage());
            }
        }
        if (k == null) {
            k = TrainingRun.check(candidateSettings(state.id, id, candidate.started(), ""));
        }
        checked.put(id, k);
        TrainingRun.run(spark, k);
        o.decision = Decision.TRAINED;
        state.models.put(id, Decision.TRAINED);
        state.write(storage, p.root());
        return o;
    }

    /** Measures candidate and live model on the same val pairs and applies the model's gate. */
    private void gate(SparkSession spark, PipelineState state, PipelineSummary.ModelOutcome o) throws IOException {
        GateRule rule = p.gates().get(o.model);
        RunStore candidate = new RunStore(storage, o.candidate);
        Optional<RunStore> live = Optional.ofNullable(o.liveDamage == null ? o.live : null)
                .map(u -> new RunStore(storage, u));
        // the training's own checked settings (a candidate trained before a stop is checked here once)
        TrainingRun.Checked k = checked.containsKey(o.model) ? checked.get(o.model)
                : TrainingRun.check(candidateSettings(state.id, o.model, true, ""));
        ModelComparison.Result r = ModelComparison.measure(spark, k, candidate, live);
        o.metric = rule.metric();
        o.valPairs = r.valPairs();
        o.candidateFigures = r.candidate().asMap();
        o.candidateFigure = r.candidate().get(rule.metric());
        r.live().ifPresent(l -> {
            o.liveFigures = l.asMap();
            o.liveFigure = l.get(rule.metric());
        });
        List<QualityWarning> finalWarnings = QualityWatch.ofFinal(k.metrics(),
                candidate.readEvaluationFigures());
        GateRule.Verdict d = rule.decide(o.candidateFigure,
                r.live().map(l -> OptionalDouble.of(l.get(rule.metric()))).orElse(OptionalDouble.empty()),
                finalWarnings);
        o.decision = d.passed() ? Decision.PASSED : Decision.REJECTED;
        o.reason = d.reason() + (o.liveDamage != null ? " (" + new LiveModel(o.live, o.liveDamage).describeDamage()
                + ")" : r.live().isEmpty() && o.live != null ? " (" + r.note() + ")" : "");
        candidate.writeJson(PipelineLayout.GATE, new GateRule.Record(o.decision, o.reason, rule.metric(),
                rule.tolerance(), rule.blockOn(), finalWarnings.stream().map(QualityWarning::code).toList(),
                o.candidateFigure, o.liveFigure, o.live, r.valPairs()));
        state.models.put(o.model, o.decision);
        state.write(storage, p.root());
        LOG.info("{}: {} — {}", o.model, d.passed() ? "passes the gate" : "REJECTED", o.reason);
    }

    private void publish(PipelineState state, PipelineSummary.ModelOutcome o) throws IOException {
        if (o.decision != Decision.PASSED) {
            return;
        }
        ModelFolder folder = new ModelFolder(storage, PipelineLayout.models(p.root(), o.model));
        for (String gone : folder.removeUnfinished()) {
            LOG.info("{}: removed {}/{}, a copy a killed publish left unfinished", o.model, folder.uri(), gone);
        }
        o.published = folder.publish(new RunStore(storage, o.candidate), state.id);
        o.decision = Decision.PUBLISHED;
        state.models.put(o.model, Decision.PUBLISHED);
        state.write(storage, p.root());
        LOG.info("{}: published {}; {}/{} names it", o.model, o.published, folder.uri(), ModelFolder.LATEST);
    }

    /** One model's candidate: its training settings at the candidate's place, resumed or not, warm-started or not. */
    private TrainingRun.Settings candidateSettings(String runId, String id, boolean resume, String initFrom) {
        return p.models().get(id).at(PipelineLayout.dataset(p.root()), PipelineLayout.candidate(p.root(), runId, id),
                resume, initFrom);
    }

    /** Each model's live model before this run publishes: loaded once to find out whether it is damaged. */
    private Map<String, LiveModel> liveBefore() {
        Map<String, LiveModel> live = new LinkedHashMap<>();
        for (String id : p.models().keySet()) {
            LiveModel l = LiveModel.find(storage, PipelineLayout.models(p.root(), id));
            if (l.damage() != null) {
                LOG.warn("{}: {}; a candidate that passes replaces it", id, l.describeDamage());
            }
            live.put(id, l);
        }
        return live;
    }

    /** The live run of each model (its LATEST) after this run's publishing; a damaged one left out. */
    private Map<String, String> liveModels(List<PipelineSummary.ModelOutcome> outcomes) {
        Map<String, String> live = new LinkedHashMap<>();
        for (PipelineSummary.ModelOutcome o : outcomes) {
            if (o.published != null) {
                live.put(o.model, o.published);
            } else if (o.live != null && o.liveDamage == null) {
                live.put(o.model, o.live);
            }
        }
        return live;
    }

    /**
     * Enters stage {@code next} (of {@code model}, for training): the time since the last move goes to the stage it
     * ends, and the state is written. The stage ended leaves its native memory behind until the GC collects the Java
     * objects that own it (ND4J's arrays, OpenCV's images live off the heap; a heap with room to spare is seldom
     * collected): collected here, so that the stages of one JVM do not add up (three hours of ETL, then training at
     * 256 px, went past 20 GB otherwise).
     */
    private void move(PipelineState state, PipelineStage next, String model) throws IOException {
        System.gc();
        long now = System.nanoTime();
        if (stageStarted != 0) {
            state.stageSeconds.merge(state.stage, Math.round((now - stageStarted) / 1e7) / 100.0, Double::sum);
        }
        stageStarted = now;
        state.stage = next.label(model);
        state.write(storage, p.root());
    }

    /**
     * Inputs and every model's training settings: what decides whether a stopped run can be continued (a changed
     * gate only changes the decision, which is made again anyway).
     */
    String fingerprint() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("inputs", p.inputs());
        p.models().forEach((id, mc) -> all.put(id, List.of(mc.recorded().get("model"),
                mc.recorded().get("training"))));
        all.put("warm-start", p.warmStart());
        return LocalCopies.sha1(all.toString()).substring(0, 16);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
