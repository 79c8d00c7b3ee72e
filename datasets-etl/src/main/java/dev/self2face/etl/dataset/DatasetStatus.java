package dev.self2face.etl.dataset;

import dev.self2face.storage.Storage;
import dev.self2face.storage.WriterLock;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a dataset on storage is now, from its manifest and a listing (no Spark): published or not, files the
 * manifest lists that are gone, a run writing it, its size; with the one-line summary and the rejects grouped by
 * reason that {@code etl} and {@code inspect} print.
 */
public record DatasetStatus(String uri, Manifest manifest, boolean published, List<String> missingFiles,
                            Optional<WriterLock.Holder> writer, long sizeBytes) {

    /** @throws DatasetError when there is no manifest (not a self2face dataset) */
    public static DatasetStatus of(Storage storage, String uri) throws IOException {
        DatasetPublisher layout = new DatasetPublisher(storage, uri);
        Manifest m = layout.readManifest();
        if (m == null) {
            throw new DatasetError(uri + ": no " + DatasetPublisher.MANIFEST + " (not a self2face dataset)");
        }
        return new DatasetStatus(uri, m, layout.published(), layout.missingFiles(m), WriterLock.holder(storage, uri),
                storage.sizeOf(layout.root()));
    }

    public boolean damaged() {
        return !missingFiles.isEmpty();
    }

    /** One line: what a dataset holds. */
    public static String summary(Manifest m, String uri) {
        return String.format("dataset %s (schema v%d, run %s): %d pairs (%d train, %d val) from %d source(s), "
                        + "%d rejected input(s), %d reject row(s)", uri, m.schemaVersion, m.runId, m.totals.pairs,
                m.totals.train, m.totals.val, m.totals.sources, m.totals.rejected, m.totals.rejectRows);
    }

    /** One line on the last run's identity stage, e.g. who was kept and who dropped; empty when it was off. */
    public static Optional<String> identity(Manifest m) {
        if (m.identity == null) {
            return Optional.empty();
        }
        return Optional.of(String.format("identity (%s): %d identit%s of %s face(s); kept %d; dropped %s",
                m.identity.mode, m.identity.identities.size(), m.identity.identities.size() == 1 ? "y" : "ies",
                m.identity.identities, m.identity.kept, m.identity.dropped));
    }

    /**
     * The attributes' distributions, one line per attribute after a header: the quantiles the manifest records and a
     * bar from the 5th to the 95th percentile with the median marked; empty when the dataset has no summary (made
     * without landmarks, or before schema 4: training derives them from the landmarks all the same).
     */
    public static List<String> attributes(Manifest m) {
        if (m.attributes == null || m.attributes.values.isEmpty()) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        out.add(String.format("attributes of %d face(s) (landmark measures, docs/MODELS.md):", m.attributes.faces));
        out.add(String.format("  %-11s %s", "", String.join(" ", m.attributes.quantiles.stream()
                .map(q -> String.format("%8s", q)).toList())));
        for (Map.Entry<String, List<Double>> e : m.attributes.values.entrySet()) {
            out.add(String.format("  %-11s %s", e.getKey(), String.join(" ", e.getValue().stream()
                    .map(v -> String.format("%8.3f", v)).toList())));
        }
        return out;
    }

    /** Reject rows grouped by stage and the reason's leading words (numbers and positions stripped). */
    public Map<String, Long> rejectsByReason() {
        Map<String, Long> out = new TreeMap<>();
        for (Manifest.Source s : manifest.sources.values()) {
            for (String r : s.rejectReasons) {
                String key = r.replaceAll("segment \\d+ \\[[^)]*\\):? ?", "").replaceAll("\\d+(\\.\\d+)?", "N");
                out.merge(key.length() > 90 ? key.substring(0, 90) + "…" : key, 1L, Long::sum);
            }
        }
        return out;
    }

    /** The JSON view {@code inspect --json} prints. */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uri", uri);
        out.put("kind", manifest.kind);
        out.put("schema_version", manifest.schemaVersion);
        out.put("published", published);
        out.put("missing_files", missingFiles);
        out.put("writer", writer.orElse(null));
        out.put("run_id", manifest.runId);
        out.put("created_at", manifest.createdAt);
        out.put("size_bytes", sizeBytes);
        out.put("splits", Map.of("train", manifest.totals.train, "val", manifest.totals.val));
        out.put("totals", manifest.totals);
        out.put("rejects_by_reason", rejectsByReason());
        out.put("identity", manifest.identity);
        out.put("attributes", manifest.attributes);
        out.put("sources", manifest.sources);
        out.put("config", manifest.config);
        return out;
    }
}
