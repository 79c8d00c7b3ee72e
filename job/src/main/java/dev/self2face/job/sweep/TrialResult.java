package dev.self2face.job.sweep;

import java.io.Serializable;
import java.util.Map;

/**
 * What one trial did at one rung: trained to {@code steps} (a run at {@code run}) and measured, or failed (an
 * exception, or a metric that is not a finite number: a diverged run) with the reason.
 */
public record TrialResult(String id, int rung, int steps, String status, Double metric, String reason,
                          double seconds, String run, Map<String, Object> params) implements Serializable {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public boolean ok() {
        return OK.equals(status);
    }
}
