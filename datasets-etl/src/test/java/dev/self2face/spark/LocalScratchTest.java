package dev.self2face.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local mode's scratch space: one folder per process; a killed process's folder goes at the next start. */
class LocalScratchTest {
    @TempDir
    Path root;

    @Test
    void theFoldersOfDeadProcessesAreRemovedAndLiveOnesKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = Files.createDirectories(root.resolve("pid-" + gone.pid() + "/blockmgr-1/0c"));
        Files.write(dead.resolve("rdd_3_0"), new byte[1 << 20]);
        Process alive = new ProcessBuilder("sleep", "30").start();
        try {
            Path live = Files.createDirectories(root.resolve("pid-" + alive.pid() + "/blockmgr-2"));
            Path foreign = Files.createDirectories(root.resolve("not-ours"));
            File mine = SparkSessions.scratch(root.toFile());
            assertEquals("pid-" + ProcessHandle.current().pid(), mine.getName());
            assertTrue(mine.isDirectory());
            assertFalse(Files.exists(root.resolve("pid-" + gone.pid())), "a dead process's blocks are removed");
            assertTrue(Files.exists(live) && Files.exists(foreign), "a live process's folder and others stay");
        } finally {
            alive.destroyForcibly();
        }
    }
}
