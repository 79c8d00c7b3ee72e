package dev.self2face.etl;

import dev.self2face.etl.dataset.ContactSheet;
import dev.self2face.etl.dataset.ContactSheets;
import dev.self2face.etl.dataset.FaceAttributes;
import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.dataset.PairRows;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.etl.face.landmarks.LandmarkModels;
import dev.self2face.etl.identity.EarlierFaces;
import dev.self2face.etl.video.FrameSampler;
import dev.self2face.etl.video.Segment;
import dev.self2face.storage.LocalCopies;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import dev.self2face.storage.WriterLock;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Spark job that wires the ETL stages, one method each: start (under the output's lock: leftovers
 * removed, damaged sources dropped) → list → probe → plan (segments, sampling interval) → candidates (decode +
 * sample + align + pack, one task per segment) → keep (the {@link KeepFilter}s in order: near-duplicates; with
 * {@code etl.identity} the person's faces, then repeated content) → write (pairs and rejects to a temporary
 * location) → commit (publish). Incremental: inputs whose fingerprint the
 * dataset already holds are skipped; changed ones are reprocessed and replace their old rows.
 */
public final class EtlJob {
    private static final Logger LOG = LoggerFactory.getLogger(EtlJob.class);

    /** What a run did: the published manifest, the sources it processed, and the exit code it asks for. */
    public record Result(Manifest manifest, List<String> processed, List<String> rejectedReasons, int exitCode) {
    }

    private final SparkSession spark;
    private final EtlSettings etl;
    private final StorageSettings storageSettings;
    private final Map<String, Object> configForManifest;

    public EtlJob(SparkSession spark, EtlSettings etl, StorageSettings storage, Map<String, Object> config) {
        this.spark = spark;
        this.etl = etl;
        this.storageSettings = storage;
        this.configForManifest = config;
    }

    public Result run(List<String> inputs, String output) throws IOException {
        if (etl.needsLandmarks()) {
            LandmarkModels.check(etl.landmarksModel(), storageSettings); // once per JVM; EtlRun did it before Spark
        }
        List<float[]> references = ReferencePhotos.check(etl, storageSettings);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Storage.hadoopConf(sc.hadoopConfiguration(), storageSettings);
        Storage storage = new Storage(sc.hadoopConfiguration());
        DatasetPublisher publisher = new DatasetPublisher(storage, output);
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (WriterLock lock = WriterLock.acquire(storage, output, "etl run " + runId, storageSettings.lockStale())) {
            return new Run(sc, storage, publisher, output, runId,
                    KeepFilters.of(etl, storageSettings, references)).stages(inputs);
        }
    }

    /** The dataset as this run found it: its manifest (damaged sources dropped), and whether there was one. */
    private record Start(Manifest manifest, boolean existed, List<String> damaged) {
    }

    /** The inputs this run processes: new or changed since the dataset's last run. */
    private record Listing(int listed, List<Prober.Input> todo) {
    }

    /** The segments to decode, what each video is expected to take, and the sampling interval of the dataset. */
    private record Plan(List<Segment> segments, Map<String, Progress.Expected> expected, double interval) {
    }

    /** The segment tasks' outputs: candidates (persisted, in executors), per-segment stats and rejects (driver). */
    private record Candidates(JavaRDD<SegmentOutput> outputs, List<SegmentOutput.Stats> stats,
                              List<SegmentOutput.Reject> rejects) {
    }

    /** What the write stage left under the run's temporary location. */
    private record Written(Map<String, Manifest.Source> entries, List<SegmentOutput.Reject> rejects) {
    }

    /** One run's stages, in order: start → list → probe → plan → candidates → keep → write → commit. */
    private final class Run {
        private final JavaSparkContext sc;
        private final Storage storage;
        private final DatasetPublisher publisher;
        private final String output;
        private final String runId;
        private final List<KeepFilter> filters;
        private final Map<String, Double> timings = new LinkedHashMap<>();

        Run(JavaSparkContext sc, Storage storage, DatasetPublisher publisher, String output, String runId,
            List<KeepFilter> filters) {
            this.sc = sc;
            this.storage = storage;
            this.publisher = publisher;
            this.output = output;
            this.runId = runId;
            this.filters = filters;
        }

        Result stages(List<String> inputs) throws IOException {
            long t = System.nanoTime();
            Start start = start();
            Listing listing = list(inputs, start.manifest());
            timings.put("list", lap(t));
            if (listing.todo().isEmpty()) {
                return nothingNew(start);
            }
            t = System.nanoTime();
            List<Prober.Result> probes = probe(listing.todo());
            timings.put("probe", lap(t));
            Plan plan = plan(probes, start.manifest(), listing.todo());
            t = System.nanoTime();
            Candidates candidates = candidates(plan);
            timings.put("decode+align", lap(t));
            KeptFaces kept = keep(start, listing, candidates);
            t = System.nanoTime();
            Written written = write(probes, candidates, kept);
            timings.put("write", lap(t));
            for (SegmentOutput.Stats s : candidates.stats()) {
                timings.merge("task:decode", s.decodeSec(), Double::sum);
                timings.merge("task:detect+align", s.alignSec(), Double::sum);
                timings.merge("task:sharpness+hash+pack", s.packSec(), Double::sum);
            }
            Manifest manifest = commit(start.manifest(), written, plan.interval(), kept);
            List<String> reasons = written.rejects().stream()
                    .map(r -> r.sourceUri() + " [" + r.stage() + "]: " + r.reason()).toList();
            boolean allRejected = written.entries().values().stream().allMatch(s -> "rejected".equals(s.status));
            LOG.info("etl run {} published {}: {} pairs ({} train, {} val) from {} source(s); {} rejected input(s)",
                    runId, output, manifest.totals.pairs, manifest.totals.train, manifest.totals.val,
                    manifest.totals.sources, manifest.totals.rejected);
            return new Result(manifest, new ArrayList<>(written.entries().keySet()), reasons, allRejected ? 1 : 0);
        }

        /** Removes what runs that died left, reads the manifest and drops the sources whose files are gone. */
        private Start start() throws IOException {
            int leftovers = publisher.removeLeftovers();
            if (leftovers > 0) {
                LOG.info("etl: removed {} temporary file(s) a run that died left in {}", leftovers, output);
            }
            Manifest previous = publisher.readManifest();
            Manifest manifest = previous != null ? previous : new Manifest();
            List<String> damaged = publisher.dropSourcesWithMissingFiles(manifest);
            for (String uri : damaged) {
                LOG.warn("etl: {} lists files of {} that do not exist: that video is processed again if it is "
                        + "among the inputs, else dropped from the dataset", output, uri);
            }
            return new Start(manifest, previous != null, damaged);
        }

        private Listing list(List<String> inputs, Manifest manifest) throws IOException {
            List<FileStatus> listed = storage.listInputs(inputs);
            List<Prober.Input> todo = changedInputs(listed, manifest);
            LOG.info("etl run {}: {} input file(s) to process, {} unchanged since the dataset's last run", runId,
                    todo.size(), listed.size() - todo.size());
            return new Listing(listed.size(), todo);
        }

        /**
         * Nothing to process: still publishes a repaired manifest, finishes a commit that was cut off after its
         * manifest, and redraws a missing contact sheet.
         */
        private Result nothingNew(Start start) throws IOException {
            Manifest manifest = start.manifest();
            if (!start.damaged().isEmpty()) {
                manifest.runId = runId;
                manifest.recomputeTotals();
                publisher.beginCommit();
                publisher.writeManifest(manifest);
                finishCommit(manifest, runId, List.of());
            } else if (start.existed() && (!publisher.published() || !publisher.hasContactSheet())) {
                finishCommit(manifest, manifest.runId, List.of());
            }
            return new Result(manifest, List.of(), List.of(), 0);
        }

        private List<Prober.Result> probe(List<Prober.Input> todo) {
            sc.setJobDescription(stage(1, "probe " + todo.size() + " video(s)"));
            Prober prober = new Prober(storageSettings);
            return sc.parallelize(todo, todo.size()).map(prober::probe).collect();
        }

        /** Segments of the probed videos and the sampling interval over all of the dataset's video time. */
        private Plan plan(List<Prober.Result> probes, Manifest manifest, List<Prober.Input> todo) {
            double totalSec = 0;
            for (Manifest.Source s : manifest.sources.values()) {
                boolean replaced = todo.stream().anyMatch(in -> in.uri().equals(s.uri));
                if (!replaced && s.durationSec != null && !"rejected".equals(s.status)) {
                    totalSec += s.durationSec;
                }
            }
            List<Segment> segments = new ArrayList<>();
            Map<String, Progress.Expected> expected = new LinkedHashMap<>();
            for (Prober.Result p : probes) {
                if (p.info() != null) {
                    totalSec += p.info().durationSec();
                    List<Segment> segs = Segment.split(p.info(), p.input().sourceId(), etl.segmentSeconds());
                    segments.addAll(segs);
                    expected.put(p.input().sourceId(), new Progress.Expected(
                            p.input().uri().substring(p.input().uri().lastIndexOf('/') + 1), segs.size(),
                            p.info().estimatedFrames()));
                }
            }
            double interval = FrameSampler.intervalFor(totalSec, etl.targetPairs(), etl.minGapMs());
            LOG.info("etl: {} segment(s) of {} video(s); {} s of video in the dataset -> at most one frame every {} "
                    + "ms", segments.size(), expected.size(), Math.round(totalSec), Math.round(interval * 1000));
            return new Plan(segments, expected, interval);
        }

        /** Decodes, samples, detects, aligns and packs every segment (one task each), with live progress. */
        private Candidates candidates(Plan plan) {
            Progress.Counts counts = new Progress.Counts();
            sc.sc().register(counts, "self2face.etl.progress");
            SegmentProcessor processor = new SegmentProcessor(etl, storageSettings, plan.interval());
            JavaRDD<SegmentOutput> outputs = sc.parallelize(plan.segments(), Math.max(1, plan.segments().size()))
                    .flatMap(seg -> {
                        List<SegmentOutput> out = processor.process(seg);
                        counts.add(Map.of(seg.sourceId(), Progress.Done.ofSegment(out)));
                        return out.iterator();
                    })
                    .setName("decoded, aligned faces")
                    // on the executors' local disks, not in their heaps: ~100 KB per face (3 GB for three hours of
                    // video) next to the decoding's own memory ran 3 GB executors out of heap when held in memory
                    .persist(StorageLevel.DISK_ONLY());
            List<SegmentOutput> small;
            sc.setJobDescription(stage(2, "decode + detect + align " + plan.segments().size() + " segment(s)"));
            try (Progress progress = new Progress(counts, plan.expected(), etl.progressSeconds())) {
                small = outputs.filter(o -> !(o instanceof SegmentOutput.Candidate)).collect();
            }
            return new Candidates(outputs,
                    small.stream().filter(o -> o instanceof SegmentOutput.Stats).map(o -> (SegmentOutput.Stats) o)
                            .toList(),
                    small.stream().filter(o -> o instanceof SegmentOutput.Reject).map(o -> (SegmentOutput.Reject) o)
                            .toList());
        }

        /** Spark's description of stage {@code n} of the run's: probe, decode, its keep filters, write. */
        private String stage(int n, String what) {
            return n + "/" + (filters.size() + 3) + " " + what;
        }

        /**
         * The keep filters in order ({@link KeepFilters}), each timed and numbered as a stage. The identity filter
         * sees the whole dataset's faces: earlier runs' (other than those of the videos this run replaces) too.
         */
        private KeptFaces keep(Start start, Listing listing, Candidates candidates) throws IOException {
            boolean compare = start.existed() && publisher.published() && start.damaged().isEmpty();
            Set<String> replaced = listing.todo().stream().map(Prober.Input::sourceId).collect(Collectors.toSet());
            KeptFaces kept = KeptFaces.of(sc, candidates.outputs(),
                    () -> EarlierFaces.of(spark, output, compare, replaced));
            int n = 3;
            for (KeepFilter f : filters) {
                long t = System.nanoTime();
                sc.setJobDescription(stage(n++, f.description()));
                f.apply(kept);
                timings.put(f.name(), lap(t));
            }
            return kept;
        }

        /**
         * Encodes the kept pairs and writes them, and every reject, under the run's temporary location; with the
         * identity stage, each pair with its descriptor and the split taken among the kept faces.
         */
        private Written write(List<Prober.Result> probes, Candidates candidates, KeptFaces kept) {
            sc.setJobDescription(stage(filters.size() + 3, "write pairs and rejects"));
            Broadcast<Set<String>> keep = sc.broadcast(new HashSet<>(kept.kept()));
            Map<String, float[]> described = kept.descriptors();
            Set<String> valIds = kept.val(etl.valFraction());
            Broadcast<Map<String, float[]>> descriptors = described == null ? null : sc.broadcast(described);
            Broadcast<Set<String>> val = valIds == null ? null : sc.broadcast(valIds);
            List<SegmentOutput.Reject> rejects = new ArrayList<>();
            for (Prober.Result p : probes) {
                if (p.info() == null) {
                    rejects.add(new SegmentOutput.Reject(p.input().sourceId(), p.input().uri(), "probe", p.error()));
                }
            }
            rejects.addAll(candidates.rejects());
            PairEncoder encoder = new PairEncoder(etl);
            JavaRDD<Row> pairRows = candidates.outputs()
                    .filter(o -> o instanceof SegmentOutput.Candidate c && keep.value().contains(c.id()))
                    .map(o -> {
                        SegmentOutput.Candidate c = (SegmentOutput.Candidate) o;
                        return val == null ? encoder.row(c, null, c.split())
                                : encoder.row(c, descriptors.value().get(c.id()),
                                        val.value().contains(c.id()) ? PairSchema.VAL : PairSchema.TRAIN);
                    });
            Map<String, PairRows.SplitCounts> counts = PairRows.writePairs(spark, pairRows, publisher.tmp(runId));
            Map<String, Manifest.Source> entries = SourceStats.entries(probes, candidates.stats(), rejects, counts,
                    runId, kept.droppedBySource());
            PairRows.writeRejects(spark, rejects.stream()
                    .map(r -> PairRows.reject(r.sourceId(), r.sourceUri(), r.stage(), r.reason(), runId)).toList(),
                    publisher.tmp(runId));
            candidates.outputs().unpersist(false);
            return new Written(entries, rejects);
        }

        /** Moves the run's files in, writes the manifest that lists them, and publishes. */
        private Manifest commit(Manifest manifest, Written written, double interval, KeptFaces kept)
                throws IOException {
            long t = System.nanoTime();
            publisher.beginCommit();
            List<String> moved = publisher.moveIn(runId);
            for (Map.Entry<String, Manifest.Source> e : written.entries().entrySet()) {
                String marker = "source_id=" + e.getKey() + "/";
                e.getValue().files = moved.stream().filter(f -> f.contains(marker)).sorted().toList();
                manifest.sources.put(e.getKey(), e.getValue());
            }
            manifest.runId = runId;
            manifest.createdAt = Instant.now().toString();
            manifest.sampleIntervalSec = interval;
            manifest.config = configForManifest;
            manifest.identity = kept.identitySummary();
            manifest.recomputeTotals();
            sc.setJobDescription("attribute summary");
            manifest.attributes = FaceAttributes.summary(spark, publisher.root(), manifest);
            timings.put("commit", lap(t));
            manifest.stageSeconds = timings;
            publisher.writeManifest(manifest);
            finishCommit(manifest, runId, kept.strips());
            return manifest;
        }

        /**
         * The end of every commit, once the manifest is written: files no manifest lists go, the contact sheet is
         * drawn, and {@code _SUCCESS} is written once every listed file is known to exist.
         */
        private void finishCommit(Manifest manifest, String publishedRun, List<ContactSheet.Strip> strips)
                throws IOException {
            publisher.deleteUnreferenced(manifest);
            sc.setJobDescription("contact sheet");
            publisher.writeContactSheet(ContactSheets.of(spark, publisher.root(), manifest,
                    etl.contactSheetPairs(), strips));
            publisher.finish(publishedRun, manifest);
            sc.setJobDescription(null);
        }
    }

    /**
     * The input files a run would process now: those the dataset at {@code output} does not hold yet, or holds with
     * another fingerprint (all of them when there is no dataset yet). For dry runs; reads only the manifest.
     */
    public static List<String> pending(Storage storage, List<String> inputs, String output) throws IOException {
        Manifest manifest = new DatasetPublisher(storage, output).readManifest();
        return changedInputs(storage.listInputs(inputs), manifest != null ? manifest : new Manifest()).stream()
                .map(Prober.Input::uri).toList();
    }

    /** Inputs the dataset does not hold yet, or holds with another fingerprint (changed since). */
    private static List<Prober.Input> changedInputs(List<FileStatus> listed, Manifest manifest) {
        List<Prober.Input> todo = new ArrayList<>();
        for (FileStatus st : listed) {
            String uri = st.getPath().toString();
            String sourceId = LocalCopies.sha1(uri).substring(0, 12);
            String fp = Storage.fingerprint(st);
            Manifest.Source known = manifest.sources.get(sourceId);
            if (known == null || !fp.equals(known.fingerprint)) {
                todo.add(new Prober.Input(sourceId, uri, fp, st.getLen()));
            }
        }
        return todo;
    }

    private static double lap(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
    }
}
