package dev.self2face.job.eval;

/** A quality warning a run raised: its code, the step it was first raised at, and what was seen. */
public record QualityWarning(String code, long step, String message) {
    @Override
    public String toString() {
        return code + " at step " + step + ": " + message;
    }
}
