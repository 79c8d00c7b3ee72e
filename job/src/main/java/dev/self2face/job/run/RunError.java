package dev.self2face.job.run;

/** A training run that cannot be used as asked (unpublished, another model kind or size, missing files). Exit 2. */
public class RunError extends RuntimeException {
    public RunError(String message) {
        super(message);
    }
}
