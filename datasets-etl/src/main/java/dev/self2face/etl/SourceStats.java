package dev.self2face.etl;

import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.dataset.PairRows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds the segment stats, rejects, keep filters' drops and kept counts of one video into its manifest entry. */
final class SourceStats {
    private SourceStats() {
    }

    /**
     * The manifest entries of the processed videos; a video that gave no pair gets a "faces" reject (added to
     * {@code rejects}). {@code drops}: how many faces of each video the keep filters dropped, by reason.
     */
    static Map<String, Manifest.Source> entries(List<Prober.Result> probes, List<SegmentOutput.Stats> stats,
                                                List<SegmentOutput.Reject> rejects,
                                                Map<String, PairRows.SplitCounts> kept, String runId,
                                                Map<String, Map<String, Long>> drops) {
        Map<String, Manifest.Source> entries = new LinkedHashMap<>();
        for (Prober.Result p : probes) {
            String id = p.input().sourceId();
            PairRows.SplitCounts kv = kept.getOrDefault(id, PairRows.SplitCounts.NONE);
            List<SegmentOutput.Stats> own = stats.stream().filter(s -> s.sourceId().equals(id)).toList();
            Map<String, Long> filterDrops = drops.getOrDefault(id, Map.of());
            long sourceRejects = rejects.stream().filter(r -> r.sourceId().equals(id)).count();
            if (p.info() != null && kv.train() + kv.val() == 0) {
                Manifest.Source probeOnly = entry(p, runId, own, 0, 0, 0, filterDrops);
                rejects.add(new SegmentOutput.Reject(id, p.input().uri(), "faces", "no usable face in "
                        + probeOnly.framesSampled + " sampled frame(s); dropped: " + probeOnly.dropped));
                sourceRejects++;
            }
            Manifest.Source entry = entry(p, runId, own, sourceRejects, kv.train(), kv.val(), filterDrops);
            entry.rejectReasons = rejects.stream().filter(r -> r.sourceId().equals(id))
                    .map(r -> r.stage() + ": " + r.reason()).limit(20).toList();
            entries.put(id, entry);
        }
        return entries;
    }

    static Manifest.Source entry(Prober.Result probe, String runId, List<SegmentOutput.Stats> stats,
                                 long rejectsOfSource, long train, long val, Map<String, Long> filterDrops) {
        Manifest.Source s = new Manifest.Source();
        s.uri = probe.input().uri();
        s.fingerprint = probe.input().fingerprint();
        s.runId = runId;
        if (probe.info() != null) {
            s.durationSec = probe.info().durationSec();
            s.fps = probe.info().fps();
            s.width = probe.info().width();
            s.height = probe.info().height();
            s.codec = probe.info().codec();
        }
        for (SegmentOutput.Stats st : stats) {
            s.segments++;
            s.framesDecoded += st.framesDecoded();
            s.framesSampled += st.framesSampled();
            s.facesFound += st.facesFound();
            for (Map.Entry<String, Long> d : st.dropped().entrySet()) {
                s.dropped.merge(d.getKey(), d.getValue(), Long::sum);
            }
        }
        s.train = train;
        s.val = val;
        s.kept = train + val;
        filterDrops.forEach((why, n) -> s.dropped.merge(why, n, Long::sum));
        s.rejects = rejectsOfSource;
        s.status = s.kept == 0 ? "rejected" : rejectsOfSource > 0 ? "partial" : "ok";
        return s;
    }
}
