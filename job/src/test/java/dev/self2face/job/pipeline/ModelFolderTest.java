package dev.self2face.job.pipeline;

import dev.self2face.config.ConfigLoader;
import dev.self2face.job.run.ModelFolder;
import dev.self2face.job.run.RunError;
import dev.self2face.job.run.RunStore;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model folder: publishing copies a run whole before LATEST names it, LATEST is never missing while replaced. */
class ModelFolderTest {
    final Storage storage = new Storage(StorageSettings.from(ConfigLoader.load(List.of(), List.of())));

    static Path fakeRun(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("checkpoints/step-00000010"));
        for (String f : List.of("run.json", "config.json", "metrics.jsonl", "generator.zip", "discriminator.zip",
                "loss.png", "grid.png", "evaluation.json", "report.html", "_SUCCESS",
                "checkpoints/step-00000010/state.json")) {
            Files.writeString(dir.resolve(f), f);
        }
        return dir;
    }

    @Test
    void publishCopiesTheRunWithoutCheckpointsThenMovesLatest() throws Exception {
        Path tmp = Files.createTempDirectory("models");
        Path run = fakeRun(tmp.resolve("runs/A/pix2pix"));
        ModelFolder folder = new ModelFolder(storage, tmp.resolve("models/pix2pix").toString());
        assertTrue(folder.latest().isEmpty());
        String published = folder.publish(new RunStore(storage, run.toString()), "A");
        Path a = tmp.resolve("models/pix2pix/A");
        assertEquals(a.toString(), published);
        assertTrue(Files.exists(a.resolve("_SUCCESS")) && Files.exists(a.resolve("generator.zip")));
        assertFalse(Files.exists(a.resolve("checkpoints")));
        assertEquals("A", folder.latest().orElseThrow());
        assertEquals(a.toString(), ModelFolder.resolve(storage, tmp.resolve("models/pix2pix").toString()));
        assertEquals(run.toString(), ModelFolder.resolve(storage, run.toString()), "a run folder is itself");
    }

    @Test
    void anUnfinishedCopyIsRemovedAndAnUnpublishedRunRefused() throws Exception {
        Path tmp = Files.createTempDirectory("models");
        Files.createDirectories(tmp.resolve("models/dcgan/B"));
        Files.writeString(tmp.resolve("models/dcgan/B/generator.zip"), "half");
        ModelFolder folder = new ModelFolder(storage, tmp.resolve("models/dcgan").toString());
        assertEquals(List.of("B"), folder.removeUnfinished());
        assertFalse(Files.exists(tmp.resolve("models/dcgan/B")));
        Path run = fakeRun(tmp.resolve("runs/B/dcgan"));
        Files.delete(run.resolve("_SUCCESS"));
        assertThrows(RunError.class, () -> folder.publish(new RunStore(storage, run.toString()), "B"));
        assertTrue(folder.latest().isEmpty(), "LATEST untouched");
    }

    @Test
    void readersNeverFindLatestMissingWhileItIsReplaced() throws Exception {
        Path tmp = Files.createTempDirectory("latest");
        ModelFolder folder = new ModelFolder(storage, tmp.toString());
        fakeRun(tmp.resolve("X"));
        fakeRun(tmp.resolve("Y"));
        folder.publish(new RunStore(storage, tmp.resolve("X").toString()), "X");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger missing = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    if (folder.latest().isEmpty()) {
                        missing.incrementAndGet();
                    }
                    reads.incrementAndGet();
                } catch (Exception e) {
                    missing.incrementAndGet();
                }
            }
        });
        reader.start();
        for (int i = 0; i < 300; i++) {
            folder.publish(new RunStore(storage, tmp.resolve(i % 2 == 0 ? "Y" : "X").toString()),
                    i % 2 == 0 ? "Y" : "X");
        }
        stop.set(true);
        reader.join();
        assertTrue(reads.get() > 100, "reads: " + reads.get());
        assertEquals(0, missing.get(), "LATEST was missing or unreadable in " + missing.get() + " of " + reads.get());
    }
}
