package dev.self2face.job.cli;

import dev.self2face.json.Json;
import dev.self2face.etl.dataset.DatasetStatus;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.job.etl.DatasetExport;
import dev.self2face.spark.SparkSettings;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
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

    @Option(names = "--export", paramLabel = "DIR", description = "Also write the manifest, the contact sheet and "
            + "evenly spaced pairs of each split (PNGs and pairs.csv with landmarks) into DIR, for tools without a "
            + "Parquet reader (the notebooks).")
    String export;

    @Option(names = "--export-pairs", defaultValue = "48", paramLabel = "N", description = "Pairs per split.")
    int exportPairs;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Storage storage = new Storage(StorageSettings.from(config.load(List.of())));
        StorageCheck.reachable(storage, List.of(uri));
        DatasetStatus status = DatasetStatus.of(storage, uri);
        Manifest m = status.manifest();
        if (json) {
            System.out.println(Json.PRETTY.writeValueAsString(status.asMap()));
        } else {
            System.out.println(DatasetStatus.summary(m, uri));
            System.out.printf("published: %s   size on storage: %.1f MB   sampling: one frame per %.0f ms at most%n",
                    status.published() ? "yes (_SUCCESS)" : "NO (no _SUCCESS: a run did not finish)",
                    status.sizeBytes() / 1e6, m.sampleIntervalSec * 1000);
            DatasetStatus.identity(m).ifPresent(System.out::println);
            DatasetStatus.attributes(m).forEach(System.out::println);
            System.out.printf("%n%-44s %-8s %8s %8s %7s %6s %6s  %s%n", "source", "status", "duration", "decoded",
                    "kept", "train", "val", "dropped");
            for (Manifest.Source s : m.sources.values()) {
                System.out.printf("%-44s %-8s %7.1fs %8d %7d %6d %6d  %s%n", tail(s.uri, 44), s.status,
                        s.durationSec == null ? 0 : s.durationSec, s.framesDecoded, s.kept, s.train, s.val,
                        s.dropped);
            }
            Map<String, Long> byReason = status.rejectsByReason();
            if (!byReason.isEmpty()) {
                System.out.println("\nrejects by reason:");
                byReason.forEach((k, v) -> System.out.printf("  %5d  %s%n", v, k));
            }
            System.out.println("\nconfig: " + m.config);
        }
        if (export != null && !status.damaged()) {
            int n = DatasetExport.run(SparkSettings.from(config.load(List.of())), uri, export, exportPairs);
            System.out.println("exported " + n + " pairs to " + export);
        }
        status.writer().ifPresent(h -> System.out.println("being written now: " + h.what + " on host " + h.host
                + ", pid " + h.pid + ", since " + h.startedAt));
        if (status.damaged()) {
            System.out.println("DAMAGED: " + status.missingFiles().size() + " file(s) the manifest lists do not "
                    + "exist (first: " + status.missingFiles().get(0) + "). The next `etl` run on this output "
                    + "processes the videos they came from again (give it the same inputs) and publishes a whole "
                    + "dataset.");
            return 1;
        }
        return 0;
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }

    @Override
    public String subject() {
        return "dataset " + uri;
    }
}
