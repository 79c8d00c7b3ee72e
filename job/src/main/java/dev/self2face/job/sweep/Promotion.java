package dev.self2face.job.sweep;

import java.util.Comparator;
import java.util.List;

/**
 * Successive halving's rule: of the trials that finished a rung, the top 1/η by the metric (at least one, failed
 * trials never) go on to the next rung. The sweep applies it when a rung's trials have all finished, so "the top of
 * those finished" is the top of the whole rung — ASHA's rule, without its asynchrony.
 */
public final class Promotion {
    private Promotion() {
    }

    /** Best first: the metric's order for the goal, failed trials last. */
    public static Comparator<TrialResult> order(boolean maximize) {
        Comparator<TrialResult> byMetric = Comparator.comparingDouble(TrialResult::metric);
        return Comparator.comparing((TrialResult r) -> !r.ok())
                .thenComparing((a, b) -> !a.ok() || !b.ok() ? 0
                        : (maximize ? byMetric.reversed() : byMetric).compare(a, b))
                .thenComparing(TrialResult::id);
    }

    /** The ids promoted from {@code finished}, the results of one rung, with reduction factor {@code eta}. */
    public static List<String> promoted(List<TrialResult> finished, int eta, boolean maximize) {
        long ok = finished.stream().filter(TrialResult::ok).count();
        int keep = (int) Math.min(ok, Math.max(1, finished.size() / eta));
        return finished.stream().filter(TrialResult::ok).sorted(order(maximize)).limit(keep)
                .map(TrialResult::id).toList();
    }
}
