package dev.self2face.etl;

import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.face.DropReason;

import java.util.List;
import java.util.Map;

/** Folds the segment stats, rejects and kept counts of one video into its manifest entry. */
final class SourceStats {
    private SourceStats() {
    }

    static Manifest.Source entry(Prober.Result probe, String runId, List<SegmentOutput.Stats> stats,
                                 long rejectsOfSource, long train, long val) {
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
        long candidates = 0;
        for (SegmentOutput.Stats st : stats) {
            s.segments++;
            s.framesDecoded += st.framesDecoded();
            s.framesSampled += st.framesSampled();
            s.facesFound += st.facesFound();
            candidates += st.candidates();
            for (Map.Entry<String, Long> d : st.dropped().entrySet()) {
                s.dropped.merge(d.getKey(), d.getValue(), Long::sum);
            }
        }
        s.train = train;
        s.val = val;
        s.kept = train + val;
        if (candidates > s.kept) {
            s.dropped.put(DropReason.DUPLICATE.key, candidates - s.kept);
        }
        s.rejects = rejectsOfSource;
        s.status = s.kept == 0 ? "rejected" : rejectsOfSource > 0 ? "partial" : "ok";
        return s;
    }
}
