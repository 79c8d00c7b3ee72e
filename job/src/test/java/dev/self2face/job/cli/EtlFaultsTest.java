package dev.self2face.job.cli;

import dev.self2face.testing.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two ETLs started at once on one output, and an ETL whose output disk fills up, each as the user runs them: the
 * CLI in its own JVM with bin/self2face's log configuration.
 */
class EtlFaultsTest {
    @TempDir
    Path tmp;

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String[] etl(Path out) {
        return new String[] {"etl", "--input", Media.megamind().getPath(), "--output", out.toString(),
                "--set", "etl.size=64", "--set", "spark.master=local[1]"};
    }

    @Test
    void ofTwoEtlsOnOneOutputOneRunsAndTheOtherIsRefused() throws Exception {
        Path out = tmp.resolve("ds");
        CompletableFuture<CliProcess.Outcome> first = CompletableFuture.supplyAsync(() -> run(etl(out)));
        Thread.sleep(300);
        CliProcess.Outcome second = run(etl(out));
        CliProcess.Outcome one = first.join();
        List<CliProcess.Outcome> both = List.of(one, second);
        long ok = both.stream().filter(o -> o.exitCode() == 0).count();
        assertEquals(1, ok, "exactly one succeeds: " + one.output() + "\n----\n" + second.output());
        CliProcess.Outcome refused = both.stream().filter(o -> o.exitCode() != 0).findFirst().orElseThrow();
        assertEquals(2, refused.exitCode(), refused.output());
        assertTrue(lastLine(refused.output()).contains("is being written by another self2face run (etl run"),
                refused.output());

        CliProcess.Outcome inspect = run("inspect", out.toString());
        assertEquals(0, inspect.exitCode(), "published and whole: " + inspect.output());
        assertTrue(inspect.output().contains("published: yes"), inspect.output());
        assertFalse(Files.exists(out.resolve("_LOCK")));
    }

    /** A real full disk: a 2 MB tmpfs mounted in a private mount namespace of the child (unshare). */
    @Test
    void aFullDiskEndsWithOneLineAndPublishesNothing() throws Exception {
        Path mount = Files.createDirectories(tmp.resolve("small-disk"));
        Path log = tmp.resolve("etl.log");
        List<String> wrapper = List.of("unshare", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o size=2m tmpfs \"$MNT\" || exit 97; \"$@\"; rc=$?; echo; echo LISTING;"
                        + " ls -A \"$MNT/ds\"; exit $rc", "sh");
        CliProcess.Outcome r = CliProcess.run(wrapper, Map.of("MNT", mount.toString(), "log-file", log.toString()),
                "launcher", etl(mount.resolve("ds")));
        String console = r.output().substring(0, r.output().indexOf("\nLISTING"));
        String listing = r.output().substring(r.output().indexOf("LISTING") + 7);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(lastLine(console).startsWith("self2face etl: failed (dataset " + mount.resolve("ds")
                + "): No space left on device"), console);
        assertTrue(lastLine(console).contains("(the whole log: " + log + ")"), console);
        assertTrue(console.lines().count() < 20, "a short console: " + console);
        assertTrue(Files.readString(log).contains("java.io.IOException: No space left on device"),
                "the log file has the stack trace");
        // with 64-pixel pairs the disk fills while the contact sheet is written, after the manifest
        assertTrue(listing.contains("_manifest.json"), listing);
        assertFalse(listing.contains("_SUCCESS") || listing.contains("_LOCK"),
                "nothing published, the lock released: " + listing);
    }

    private static CliProcess.Outcome run(String... args) {
        try {
            return CliProcess.run(Map.of(), "launcher", args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
