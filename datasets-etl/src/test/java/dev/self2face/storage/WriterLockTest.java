package dev.self2face.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One writer per output on a local disk: refused while held, released at close, a dead holder's lock taken over. */
class WriterLockTest {
    private static final Duration STALE = Duration.ofSeconds(300);
    private final Storage storage = new Storage(new Configuration());
    @TempDir
    Path tmp;

    @Test
    void aHeldLockIsRefusedWithItsHolderAndFreedAtClose() {
        String dir = tmp.resolve("ds").toString();
        try (WriterLock first = WriterLock.acquire(storage, dir, "etl run A", STALE)) {
            StorageError e = assertThrows(StorageError.class,
                    () -> WriterLock.acquire(storage, dir, "etl run B", STALE));
            assertTrue(e.getMessage().contains("etl run A") && e.getMessage().contains("pid "
                    + ProcessHandle.current().pid()) && e.getMessage().contains("being written"), e.getMessage());
            assertTrue(Files.exists(tmp.resolve("ds/_LOCK")));
        }
        assertFalse(Files.exists(tmp.resolve("ds/_LOCK")), "released");
        WriterLock.acquire(storage, dir, "etl run B", STALE).close();
    }

    @Test
    void ofManyAtOnceExactlyOneGetsIt() throws Exception {
        String dir = tmp.resolve("race").toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<WriterLock>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            tries.add(pool.submit(() -> {
                go.await();
                try {
                    return WriterLock.acquire(storage, dir, "run " + n, STALE);
                } catch (StorageError refused) {
                    return null;
                }
            }));
        }
        go.countDown();
        List<WriterLock> holders = new ArrayList<>();
        for (Future<WriterLock> f : tries) {
            WriterLock l = f.get();
            if (l != null) {
                holders.add(l);
            }
        }
        pool.shutdown();
        holders.forEach(WriterLock::close);
        assertEquals(1, holders.size());
    }

    @Test
    void theLockOfADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String dir = tmp.resolve("dead").toString();
        writeLock(tmp.resolve("dead/_LOCK"), hostOfThisMachine(), gone.pid());
        try (WriterLock mine = WriterLock.acquire(storage, dir, "etl run C", STALE)) {
            assertTrue(Files.readString(tmp.resolve("dead/_LOCK")).contains("etl run C"));
        }
    }

    @Test
    void aLockFromAnotherHostIsTakenOverOnlyWhenItsHeartbeatIsOld() throws Exception {
        String dir = tmp.resolve("remote").toString();
        Path lock = tmp.resolve("remote/_LOCK");
        writeLock(lock, "some-other-host", 1);
        assertThrows(StorageError.class, () -> WriterLock.acquire(storage, dir, "etl run D", Duration.ofSeconds(60)));
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(120)));
        WriterLock.acquire(storage, dir, "etl run D", Duration.ofSeconds(60)).close();
    }

    @Test
    void theHolderKeepsItsLockFreshWhileItWorks() throws Exception {
        String dir = tmp.resolve("beat").toString();
        Path lock = tmp.resolve("beat/_LOCK");
        try (WriterLock held = WriterLock.acquire(storage, dir, "train", Duration.ofSeconds(4))) {
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));
            Thread.sleep(2500); // the heartbeat runs every quarter of the stale time
            long age = System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis();
            assertTrue(age < 2500, "refreshed " + age + " ms ago");
            assertThrows(StorageError.class, () -> WriterLock.acquire(storage, dir, "other", Duration.ofSeconds(4)));
        }
    }

    private static void writeLock(Path lock, String host, long pid) throws Exception {
        Files.createDirectories(lock.getParent());
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("host", host).put("pid", pid).put("startedAt", Instant.now().minusSeconds(5).toString())
                .put("what", "etl run that died").put("token", "t-dead");
        Files.writeString(lock, n.toString());
    }

    private static String hostOfThisMachine() throws Exception {
        return java.net.InetAddress.getLocalHost().getHostName();
    }
}
