package dev.self2face.job.train;

import org.apache.spark.SparkContext;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.stats.BaseEventStats;
import org.deeplearning4j.spark.stats.EventStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spark round's statistics from dl4j-spark's cumulative events: who trained, the slowest worker's parts. */
class RoundStatsTest {
    /** dl4j-spark's statistics as its training master hands them over: events by key, and nested statistics. */
    static final class Events implements SparkTrainingStats {
        final Map<String, List<EventStats>> byKey = new LinkedHashMap<>();
        SparkTrainingStats nested;

        Events add(String key, String machine, String jvm, long start, long ms) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new BaseEventStats(machine, jvm, 1, start, ms));
            return this;
        }

        @Override
        public Set<String> getKeySet() {
            return byKey.keySet();
        }

        @Override
        public List<EventStats> getValue(String key) {
            return byKey.get(key);
        }

        @Override
        public String getShortNameForKey(String key) {
            return key;
        }

        @Override
        public boolean defaultIncludeInPlots(String key) {
            return false;
        }

        @Override
        public void addOtherTrainingStats(SparkTrainingStats other) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SparkTrainingStats getNestedTrainingStats() {
            return nested;
        }

        @Override
        public String statsAsString() {
            return byKey.toString();
        }

        @Override
        public void exportStatFiles(String outputPath, SparkContext sc) {
            throw new UnsupportedOperationException();
        }
    }

    static final String FIT = "ParameterAveragingWorkerFitTimesMs";
    static final String TOTAL = "ParameterAveragingWorkerFlatMapTotalTimeMs";
    static final String INIT = "ParameterAveragingWorkerFlatMapGetInitialModelTimeMs";
    static final String BROADCAST = "ParameterAveragingMasterBroadcastCreateTimesMs";

    /** Round 1: two workers on two JVMs, the second slower to fit; the workers' events repeat in nested stats. */
    static Events round1() {
        Events workers = new Events()
                .add(FIT, "m", "jvm1", 0, 100).add(TOTAL, "m", "jvm1", 0, 400).add(INIT, "m", "jvm1", 0, 50)
                .add(FIT, "m", "jvm2", 0, 200).add(TOTAL, "m", "jvm2", 0, 300).add(INIT, "m", "jvm2", 0, 40);
        Events master = new Events().add(BROADCAST, "driver", "jvm0", 0, 30);
        master.byKey.putAll(workers.byKey);
        master.nested = workers;
        return master;
    }

    @Test
    void theSlowestWorkerPerPartAndEveryWorkerThatFitted() {
        RoundStats r = RoundStats.of(round1(), new HashMap<>());
        assertEquals(Set.of("m/jvm1#1", "m/jvm2#1"), r.workerIds());
        assertEquals(0.2, r.seconds(RoundStats.Part.COMPUTE), 1e-9);
        assertEquals(0.4, r.seconds(RoundStats.Part.TOTAL), 1e-9);
        assertEquals(0.05, r.seconds(RoundStats.Part.INIT), 1e-9);
        // total − compute − init per worker: 250 ms and 60 ms
        assertEquals(0.25, r.seconds(RoundStats.Part.DATA), 1e-9);
        assertEquals(0.03, r.seconds(RoundStats.Part.BROADCAST), 1e-9);
        assertEquals(0.0, r.seconds(RoundStats.Part.UPDATE), 1e-9);
    }

    @Test
    void aLaterRoundCountsOnlyItsOwnEvents() {
        Map<String, Long> before = new HashMap<>();
        RoundStats.of(round1(), before);
        // round 2: the statistics are cumulative; only jvm1 fitted this time (jvm2's task ran no fit)
        Events all = round1().add(FIT, "m", "jvm1", 1000, 120).add(TOTAL, "m", "jvm1", 1000, 150)
                .add(TOTAL, "m", "jvm2", 1000, 10);
        RoundStats r = RoundStats.of(all, before);
        assertEquals(Set.of("m/jvm1#1"), r.workerIds());
        assertEquals(0.12, r.seconds(RoundStats.Part.COMPUTE), 1e-9);
        assertEquals(0.15, r.seconds(RoundStats.Part.TOTAL), 1e-9);
        assertEquals(0.03, r.seconds(RoundStats.Part.DATA), 1e-9);
        assertEquals(0.0, r.seconds(RoundStats.Part.BROADCAST), 1e-9);
    }
}
