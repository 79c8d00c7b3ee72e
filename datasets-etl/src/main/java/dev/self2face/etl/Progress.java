package dev.self2face.etl;

import org.apache.spark.util.AccumulatorV2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live ETL progress: segment tasks add per-video counts to a Spark accumulator (merged on the driver as each task
 * ends) and a driver thread prints, per video and in total, segments done, frames decoded, frames/s, faces kept and
 * the ETA, every {@code etl.progress-seconds}.
 */
final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("self2face.etl.progress");

    /** What finished segment tasks of one video have done so far. */
    record Done(long segments, long framesDecoded, long facesKept) implements Serializable {
        static final Done NONE = new Done(0, 0, 0);

        /** One segment task's contribution, from its outputs' stats. */
        static Done ofSegment(List<SegmentOutput> outputs) {
            long decoded = 0;
            long kept = 0;
            for (SegmentOutput o : outputs) {
                if (o instanceof SegmentOutput.Stats s) {
                    decoded += s.framesDecoded();
                    kept += s.candidates();
                }
            }
            return new Done(1, decoded, kept);
        }

        Done plus(Done o) {
            return new Done(segments + o.segments, framesDecoded + o.framesDecoded, facesKept + o.facesKept);
        }
    }

    /** Per-video {@link Done} counts, summed on the driver as tasks end. */
    static final class Counts extends AccumulatorV2<Map<String, Done>, Map<String, Done>> {
        private final ConcurrentHashMap<String, Done> values = new ConcurrentHashMap<>();

        @Override
        public boolean isZero() {
            return values.isEmpty();
        }

        @Override
        public Counts copy() {
            Counts c = new Counts();
            c.values.putAll(values);
            return c;
        }

        @Override
        public void reset() {
            values.clear();
        }

        @Override
        public void add(Map<String, Done> v) {
            v.forEach((k, d) -> values.merge(k, d, Done::plus));
        }

        @Override
        public void merge(AccumulatorV2<Map<String, Done>, Map<String, Done>> other) {
            add(other.value());
        }

        @Override
        public Map<String, Done> value() {
            return values;
        }
    }

    /** What a video is expected to take: its name, segments and estimated frames. */
    record Expected(String name, int segments, long frames) {
    }

    private final Counts counts;
    private final Map<String, Expected> expected;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    Progress(Counts counts, Map<String, Expected> expected, int everySeconds) {
        this.counts = counts;
        this.expected = new LinkedHashMap<>(expected);
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(everySeconds * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
                if (running) {
                    report();
                }
            }
        }, "self2face-etl-progress");
        thread.setDaemon(true);
        thread.start();
    }

    void report() {
        double elapsed = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        long framesDone = 0;
        long framesTotal = 0;
        long kept = 0;
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            Done c = counts.value().getOrDefault(e.getKey(), Done.NONE);
            Expected x = e.getValue();
            framesDone += c.framesDecoded();
            framesTotal += x.frames();
            kept += c.facesKept();
            if (expected.size() > 1 && c.segments() < x.segments()) {
                LOG.info(String.format("  %-40s segments %d/%d  frames %d/%d  faces kept %d", x.name(), c.segments(),
                        x.segments(), c.framesDecoded(), x.frames(), c.facesKept()));
            }
        }
        double fps = framesDone / elapsed;
        String eta = fps > 0 ? duration(Math.max(0, framesTotal - framesDone) / fps) : "?";
        LOG.info(String.format("etl: frames %d/%d (%.0f%%)  %.0f frames/s  faces kept %d  elapsed %s  ETA %s",
                framesDone, framesTotal, 100.0 * framesDone / Math.max(1, framesTotal), fps, kept,
                duration(elapsed), eta));
    }

    static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format("%dm%02ds", t / 60, t % 60) : t + "s";
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        report();
    }
}
