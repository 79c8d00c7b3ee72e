package dev.self2face.job.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import dev.self2face.storage.WriterLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code self2face inspect URI}: what a dataset holds, from its manifest (no Spark needed). */
@Command(name = "inspect", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Show what a dataset holds: schema version, pairs per split, rejects by reason, size on "
                + "storage, the config it was made with.")
public class InspectCommand implements Callable<Integer>, FailureReport.Subject {
    @Parameters(paramLabel = "URI", description = "A dataset (the --output of etl).")
    String uri;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Config c = config.load(List.of());
        Storage storage = new Storage(StorageSettings.from(c));
        StorageCheck.reachable(storage, List.of(uri));
        DatasetPublisher layout = new DatasetPublisher(storage, uri);
        Manifest m = layout.readManifest();
        if (m == null) {
            throw new dev.self2face.etl.dataset.DatasetError(uri + ": no " + DatasetPublisher.MANIFEST
                    + " (not a self2face dataset)");
        }
        boolean published = layout.published();
        List<String> missing = layout.missingFiles(m);
        Optional<WriterLock.Holder> writer = WriterLock.holder(storage, uri);
        long size = storage.sizeOf(layout.root());
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("uri", uri);
            out.put("kind", m.kind);
            out.put("schemaVersion", m.schemaVersion);
            out.put("published", published);
            out.put("missingFiles", missing);
            out.put("writer", writer.orElse(null));
            out.put("runId", m.runId);
            out.put("createdAt", m.createdAt);
            out.put("sizeBytes", size);
            out.put("splits", Map.of("train", m.totals.train, "val", m.totals.val));
            out.put("totals", m.totals);
            out.put("rejectsByReason", rejectsByReason(m));
            out.put("sources", m.sources);
            out.put("config", m.config);
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            System.out.println(summary(m, uri));
            System.out.printf("published: %s   size on storage: %.1f MB   sampling: one frame per %.0f ms at most%n",
                    published ? "yes (_SUCCESS)" : "NO (no _SUCCESS: a run did not finish)", size / 1e6,
                    m.sampleIntervalSec * 1000);
            System.out.printf("%n%-44s %-8s %8s %8s %7s %6s %6s  %s%n", "source", "status", "duration", "decoded",
                    "kept", "train", "val", "dropped");
            for (Manifest.Source s : m.sources.values()) {
                System.out.printf("%-44s %-8s %7.1fs %8d %7d %6d %6d  %s%n", tail(s.uri, 44), s.status,
                        s.durationSec == null ? 0 : s.durationSec, s.framesDecoded, s.kept, s.train, s.val,
                        s.dropped);
            }
            Map<String, Long> byReason = rejectsByReason(m);
            if (!byReason.isEmpty()) {
                System.out.println("\nrejects by reason:");
                byReason.forEach((k, v) -> System.out.printf("  %5d  %s%n", v, k));
            }
            System.out.println("\nconfig: " + m.config);
        }
        writer.ifPresent(h -> System.out.println("being written now: " + h.what + " on host " + h.host + ", pid "
                + h.pid + ", since " + h.startedAt));
        if (!missing.isEmpty()) {
            System.out.println("DAMAGED: " + missing.size() + " file(s) the manifest lists do not exist (first: "
                    + missing.get(0) + "). The next `etl` run on this output processes the videos they came "
                    + "from again (give it the same inputs) and publishes a whole dataset.");
            return 1;
        }
        return 0;
    }

    /** One line: what the dataset holds. */
    static String summary(Manifest m, String uri) {
        return String.format("dataset %s (schema v%d, run %s): %d pairs (%d train, %d val) from %d source(s), "
                        + "%d rejected input(s), %d reject row(s)", uri, m.schemaVersion, m.runId, m.totals.pairs,
                m.totals.train, m.totals.val, m.totals.sources, m.totals.rejected, m.totals.rejectRows);
    }

    /** Reject rows grouped by stage and the reason's leading words (numbers and positions stripped). */
    static Map<String, Long> rejectsByReason(Manifest m) {
        Map<String, Long> out = new TreeMap<>();
        for (Manifest.Source s : m.sources.values()) {
            for (String r : s.rejectReasons) {
                String key = r.replaceAll("segment \\d+ \\[[^)]*\\):? ?", "").replaceAll("\\d+(\\.\\d+)?", "N");
                out.merge(key.length() > 90 ? key.substring(0, 90) + "…" : key, 1L, Long::sum);
            }
        }
        return out;
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }

    @Override
    public String subject() {
        return "dataset " + uri;
    }
}
