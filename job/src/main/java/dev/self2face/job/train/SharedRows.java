package dev.self2face.job.train;

import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.job.data.SpilledRows;
import dev.self2face.storage.Storage;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dataset's two splits published once on storage for a sweep ({@link TrainingData#share}): each executor JVM
 * copies them into its local cache once and every trial it runs reads pairs from that copy, so nothing of the
 * dataset travels through the driver.
 *
 * @param dir where the splits are, on storage
 */
public record SharedRows(String dir) implements Serializable {
    /** The splits this JVM opened, by folder and the train file's fingerprint. */
    private static final Map<String, TrainingData.Rows> OPEN = new ConcurrentHashMap<>();

    /** Both splits, opened (and copied locally) at most once per JVM. */
    public TrainingData.Rows open(Storage storage, String cacheDir) throws IOException {
        Path train = new Path(Storage.path(dir), PairSchema.TRAIN + ".rows");
        String key = dir + "|" + Storage.fingerprint(storage.fs(train).getFileStatus(train));
        TrainingData.Rows rows = OPEN.get(key);
        if (rows == null) {
            synchronized (OPEN) {
                rows = OPEN.get(key);
                if (rows == null) {
                    rows = new TrainingData.Rows(
                            SpilledRows.openShared(storage, dir, PairSchema.TRAIN, cacheDir),
                            SpilledRows.openShared(storage, dir, PairSchema.VAL, cacheDir));
                    OPEN.put(key, rows);
                }
            }
        }
        return rows;
    }
}
