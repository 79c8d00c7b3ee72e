package dev.self2face.job.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@code bench spark} turns a run's metrics.jsonl into its row: first round untimed, the round split. */
class SparkBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void readsTimedRoundsAndSplitsTheRound() throws Exception {
        Files.writeString(tmp.resolve("metrics.jsonl"), String.join("\n",
                line(1, 100, 50, 10, 5, 2, 70, 1), // warm-up: left out
                line(2, 20, 10, 3, 2, 1, 15, 0.5),
                line(3, 30, 14, 3, 4, 1, 21, 0.5)) + "\n");
        SparkBenchmark.Run run = new SparkBenchmark.Run("pix2pix", 128, 2, 4, 5, 3, List.of());
        SparkBenchmark.Result r = SparkBenchmark.read(run, tmp);

        assertEquals(2, r.timedRounds());
        assertEquals(25, r.roundSeconds(), 1e-9);
        assertEquals(2 * 4 * 5 * 2 / 50.0, r.imagesPerSecond(), 1e-9);
        assertEquals(12, r.computeSeconds(), 1e-9);
        assertEquals(3, r.prepareSeconds(), 1e-9);
        // training job + update beyond the slowest worker's task (compute + init + data = 12 + 3 + 0)
        assertEquals(18 + 0.5 - 15, r.resultsSeconds(), 1e-9);
        // averaging_s = round - workers' tasks = 10; of it prepare 3, broadcast 1, results 3.5
        assertEquals(10 - 3 - 1 - 3.5, r.otherSeconds(), 1e-9);
        String table = SparkBenchmark.table(List.of(r));
        assertTrue(table.contains("| 1.00x | 48% | 0% | 12% (0%) | 12% | 4% | 14% | 10% |"), table);
    }

    private static String line(int round, double roundS, double compute, double init, double prepare,
                               double broadcast, double aggregate, double update) {
        double averaging = roundS - compute - init;
        return String.format(Locale.ROOT, "{\"round\":%d,\"round_s\":%s,\"compute_s\":%s,\"data_s\":0,"
                        + "\"init_s\":%s,\"fetch_s\":0,\"prepare_s\":%s,\"broadcast_s\":%s,\"aggregate_s\":%s,"
                        + "\"update_s\":%s,\"averaging_s\":%s}", round, roundS, compute, init, prepare, broadcast,
                aggregate, update, averaging);
    }
}
