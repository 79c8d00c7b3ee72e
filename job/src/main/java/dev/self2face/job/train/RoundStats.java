package dev.self2face.job.train;

import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.stats.EventStats;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who trained in one dl4j-spark fit and for how long, from the training master's statistics: the workers' fit
 * events (one per minibatch, tagged with the worker's machine and JVM) give the workers that took part and their
 * compute time; the rest of the fit's wall time is data movement, broadcast and averaging.
 */
record RoundStats(TreeSet<String> workerIds, double computeSeconds) {

    /**
     * The statistics of the latest fit: the training master's are cumulative over a run, so {@code before} holds each
     * worker's fit milliseconds so far and is updated.
     */
    static RoundStats of(SparkTrainingStats stats, Map<String, Long> before) {
        Map<String, Long> msPerWorker = new TreeMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>(); // nested statistics repeat the workers' events
        for (SparkTrainingStats s = stats; s != null; s = s.getNestedTrainingStats()) {
            for (String key : s.getKeySet()) {
                if (!key.contains("WorkerFit")) {
                    continue;
                }
                for (EventStats e : s.getValue(key)) {
                    if (!seen.add(key + e.getJvmID() + "#" + e.getThreadID() + "@" + e.getStartTime())) {
                        continue;
                    }
                    // a worker is a task slot: an executor JVM (on a machine) and its task thread
                    msPerWorker.merge(e.getMachineID() + "/" + e.getJvmID() + "#" + e.getThreadID(), e.getDurationMs(),
                            Long::sum);
                }
            }
        }
        TreeSet<String> ids = new TreeSet<>();
        long maxMs = 0;
        for (Map.Entry<String, Long> e : msPerWorker.entrySet()) {
            long ms = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (ms > 0) {
                ids.add(e.getKey());
                maxMs = Math.max(maxMs, ms);
            }
        }
        before.putAll(msPerWorker);
        return new RoundStats(ids, maxMs / 1000.0);
    }
}
