package dev.self2face.job.sweep;

import com.typesafe.config.Config;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * {@code bench sweep}: the same space and trial budget searched twice — successive halving, then random search of
 * full-length trials — with wall time, steps trained and the best metric of each, as a Markdown table for
 * docs/BENCHMARKS.md.
 */
public final class SweepBenchmark {
    private SweepBenchmark() {
    }

    public static void run(String spaceFile, String spaceText, Function<List<String>, Config> loader,
                           List<String> baseSets, String out, Integer trials, Integer parallel, PrintStream print)
            throws IOException {
        StringBuilder table = new StringBuilder("| algorithm | trials | steps trained | wall s | best trial | best metric "
                + "|\n|---|---:|---:|---:|---|---:|\n");
        for (SweepSpace.Algorithm a : SweepSpace.Algorithm.values()) {
            String name = a.name().toLowerCase(java.util.Locale.ROOT);
            // a later key wins in HOCON: the same space with the algorithm replaced
            Sweep.Checked k = Sweep.check(spaceFile, spaceText + "\nalgorithm = " + name + "\n", loader, baseSets,
                    out + "/" + name, trials, parallel);
            long t0 = System.nanoTime();
            Sweep.Outcome o = Sweep.run(k);
            TrialResult best = o.best();
            double wall = (System.nanoTime() - t0) / 1e9;
            List<Integer> rungs = k.space().rungs();
            String line = String.format("| %s | %d | %d | %.0f | %s (%d steps) | %.4f %s |%n", name,
                    k.space().trials(), o.stepsTrained(), wall, best.id(), rungs.get(best.rung()), best.metric(),
                    k.space().metric());
            print.print(line);
            table.append(line);
        }
        print.println();
        print.print(table);
    }
}
