package dev.self2face.job.train;

import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.stats.EventStats;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who trained in one dl4j-spark fit and where its time went, from the training master's statistics. Every event is
 * tagged with its machine, JVM and thread; the workers with fit events are the ones that took part. The workers'
 * parts are the slowest worker's time in this fit: {@link Part#COMPUTE} (fitting its minibatches), {@link Part#INIT}
 * (getting the broadcast network, parameters and Adam state — {@link Part#FETCH} — and rebuilding it),
 * {@link Part#TOTAL} (the worker's whole task) and {@link Part#DATA}, derived as total − compute − init. The
 * driver's parts come from the master's own events: {@link Part#BROADCAST}, {@link Part#PREPARE} (the count job
 * that makes and caches the minibatches), {@link Part#AGGREGATE} (the training job, results back and summed) and
 * {@link Part#UPDATE}.
 */
record RoundStats(TreeSet<String> workerIds, Map<Part, Double> seconds) {

    enum Part {
        COMPUTE("WorkerFit"), INIT("WorkerFlatMapGetInitialModel"), TOTAL("WorkerFlatMapTotalTime"),
        DATA,
        /** Part of INIT: getting the broadcast's value (fetching its blocks from the driver, deserializing). */
        FETCH("WorkerBroadcastGetValue"),
        /** Driver: serializing the network, parameters and Adam state into the round's broadcast. */
        BROADCAST("MasterBroadcastCreate"),
        /** dl4j-spark's count job over the training sets, which makes and caches the minibatches on the executors. */
        PREPARE("MasterCountRdd"),
        /** The training job from the driver's side: the workers' tasks plus their results back and summed. */
        AGGREGATE("MasterAggregate"),
        /** Driver: dividing the sums and setting the averaged parameters and Adam state. */
        UPDATE("MasterProcessParamsUpdater");

        private final String[] keyParts;

        Part(String... keyParts) {
            this.keyParts = keyParts;
        }

        static Part of(String key) {
            for (Part p : values()) {
                for (String k : p.keyParts) {
                    if (key.contains(k)) {
                        return p;
                    }
                }
            }
            return null;
        }
    }

    double seconds(Part p) {
        return seconds.getOrDefault(p, 0.0);
    }

    /**
     * The statistics of the latest fit: the training master's are cumulative over a run, so {@code before} holds the
     * milliseconds so far per part and worker, and is updated.
     */
    static RoundStats of(SparkTrainingStats stats, Map<String, Long> before) {
        Map<String, Long> msSoFar = new HashMap<>(); // "PART worker" -> ms
        Set<String> seen = new HashSet<>(); // nested statistics repeat the workers' events
        for (SparkTrainingStats s = stats; s != null; s = s.getNestedTrainingStats()) {
            for (String key : s.getKeySet()) {
                Part part = Part.of(key);
                if (part == null) {
                    continue;
                }
                for (EventStats e : s.getValue(key)) {
                    // a worker is a task slot: an executor JVM (on a machine) and its task thread
                    String worker = e.getMachineID() + "/" + e.getJvmID() + "#" + e.getThreadID();
                    if (seen.add(key + worker + "@" + e.getStartTime() + "+" + e.getDurationMs())) {
                        msSoFar.merge(part + " " + worker, e.getDurationMs(), Long::sum);
                    }
                }
            }
        }
        Map<String, Map<Part, Long>> perWorker = new HashMap<>();
        for (Map.Entry<String, Long> e : msSoFar.entrySet()) {
            String[] partAndWorker = e.getKey().split(" ", 2);
            perWorker.computeIfAbsent(partAndWorker[1], w -> new EnumMap<>(Part.class))
                    .put(Part.valueOf(partAndWorker[0]), e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        TreeSet<String> ids = new TreeSet<>();
        Map<Part, Double> slowest = new EnumMap<>(Part.class);
        for (Map.Entry<String, Map<Part, Long>> w : perWorker.entrySet()) {
            Map<Part, Long> ms = w.getValue();
            if (ms.getOrDefault(Part.COMPUTE, 0L) > 0) {
                ids.add(w.getKey());
            }
            ms.put(Part.DATA, Math.max(0, ms.getOrDefault(Part.TOTAL, 0L) - ms.getOrDefault(Part.COMPUTE, 0L)
                    - ms.getOrDefault(Part.INIT, 0L)));
            ms.forEach((part, v) -> slowest.merge(part, v / 1000.0, Math::max));
        }
        before.putAll(msSoFar);
        return new RoundStats(ids, slowest);
    }
}
