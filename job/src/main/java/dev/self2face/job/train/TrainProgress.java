package dev.self2face.job.train;

import dev.self2face.job.model.Figures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console line of a training run: step/total, losses, images/s, ETA — at most every progress-seconds. */
final class TrainProgress {
    private static final Logger LOG = LoggerFactory.getLogger("self2face.train");
    private final String what;
    private final long total;
    private final long firstStep;
    private final int batch;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastPrint = 0;
    private Figures last = Figures.none();

    TrainProgress(String what, long firstStep, long total, int batch, int progressSeconds) {
        this.what = what;
        this.firstStep = firstStep;
        this.total = total;
        this.batch = batch;
        this.intervalNanos = progressSeconds * 1_000_000_000L;
    }

    /** Images per second since this process started training. */
    double imagesPerSecond(long step) {
        double sec = (System.nanoTime() - start) / 1e9;
        return sec <= 0 ? 0 : (step - firstStep) * (double) batch / sec;
    }

    void step(long step, Figures losses) {
        if (!losses.isEmpty()) {
            last = losses;
        }
        long now = System.nanoTime();
        if (step != total && now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        double perStep = (now - start) / 1e9 / Math.max(1, step - firstStep);
        long eta = Math.round(perStep * (total - step));
        String figures = last.isEmpty() ? "losses at the first logging step" : last.toString();
        LOG.info(String.format("%s: step %d/%d (%.0f%%) · %s · %.1f images/s · ETA %dm%02ds", what, step, total,
                100.0 * step / total, figures, imagesPerSecond(step), eta / 60, eta % 60));
    }

    static void warn(String message) {
        LOG.warn(message);
    }

    static void info(String message) {
        LOG.info(message);
    }
}
