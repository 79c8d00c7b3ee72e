package dev.self2face.job.train;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;

import java.io.Serializable;

/** The {@code training.*} keys, validated before anything starts. */
public record TrainSettings(String data, String out, boolean local, boolean resume, String initFrom, int steps,
                            int batch, long seed, int logEvery, int sampleEvery, int checkpointEvery,
                            int keepCheckpoints, int sampleCount, int evalPairs, int evalSamples,
                            int progressSeconds, String faceApi) implements Serializable {

    public static TrainSettings from(Config c) {
        String data = Keys.string(c, "training.data");
        String out = Keys.string(c, "training.out");
        if (data.isBlank()) {
            throw new ConfigError("config key 'training.data' (--data) is required: the dataset the ETL wrote");
        }
        if (out.isBlank()) {
            throw new ConfigError("config key 'training.out' (--out) is required: where the run is written");
        }
        return new TrainSettings(data, out, Keys.bool(c, "training.local"), Keys.bool(c, "training.resume"),
                Keys.string(c, "training.init-from"),
                Keys.intIn(c, "training.steps", 1, Integer.MAX_VALUE),
                Keys.intIn(c, "training.batch", 1, 4096),
                c.getLong("training.seed"),
                Keys.intIn(c, "training.log-every", 1, Integer.MAX_VALUE),
                Keys.intIn(c, "training.sample-every", 1, Integer.MAX_VALUE),
                Keys.intIn(c, "training.checkpoint-every", 0, Integer.MAX_VALUE),
                Keys.intIn(c, "training.keep-checkpoints", 1, 1000),
                Keys.intIn(c, "training.sample-count", 1, 256),
                Keys.intIn(c, "training.eval-pairs", 1, 100000),
                Keys.intIn(c, "training.eval-samples", 2, 100000),
                Keys.intIn(c, "training.progress-seconds", 0, 3600),
                Keys.string(c, "training.face-api"));
    }

    /** These settings for a run on {@code data} written to {@code out}, resumed or not, warm-started or not. */
    public TrainSettings at(String otherData, String otherOut, boolean otherResume, String otherInitFrom) {
        return new TrainSettings(otherData, otherOut, local, otherResume, otherInitFrom, steps, batch, seed, logEvery,
                sampleEvery, checkpointEvery, keepCheckpoints, sampleCount, evalPairs, evalSamples, progressSeconds,
                faceApi);
    }
}
