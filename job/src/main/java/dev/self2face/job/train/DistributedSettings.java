package dev.self2face.job.train;

import com.typesafe.config.Config;
import dev.self2face.config.Keys;

import java.io.Serializable;

/** The {@code training.*} keys of training on Spark executors. */
public record DistributedSettings(int workers, int rounds, int averagingFrequency, int batchPerWorker,
                                  int prefetchBatches) implements Serializable {

    public static DistributedSettings from(Config c) {
        return new DistributedSettings(
                Keys.intIn(c, "training.workers", 0, 100000),
                Keys.intIn(c, "training.rounds", 1, Integer.MAX_VALUE),
                Keys.intIn(c, "training.averaging-frequency", 1, 10000),
                Keys.intIn(c, "training.batch-per-worker", 1, 4096),
                Keys.intIn(c, "training.prefetch-batches", 0, 1000));
    }
}
