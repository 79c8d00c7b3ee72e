package dev.self2face.job.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.self2face.job.eval.QualityWarning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a checkpoint knows besides the networks: where training stood and the run's baselines (measured once). */
@JsonIgnoreProperties(ignoreUnknown = true)
public class TrainState {
    public long step;
    /** The metrics' baselines, measured on the untrained model when the run started (e.g. val_l1_untrained). */
    public Map<String, Double> baselines = new LinkedHashMap<>();
    /** The quality warnings raised so far, each at its first step. */
    public List<QualityWarning> warnings = new ArrayList<>();
    /** Adaptive augmentation's probability ({@link AdaptiveAugment}) and the step it was last adjusted at. */
    public double augmentP;
    public long augmentAdjustedAt;
}
