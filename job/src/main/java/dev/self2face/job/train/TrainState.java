package dev.self2face.job.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a checkpoint knows besides the networks: where training stood and the run's baselines (measured once). */
@JsonIgnoreProperties(ignoreUnknown = true)
public class TrainState {
    public long step;
    /** The metrics' baselines, measured on the untrained model when the run started (e.g. val_l1_untrained). */
    public Map<String, Double> baselines = new LinkedHashMap<>();
}
