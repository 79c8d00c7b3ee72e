package dev.self2face.job.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.stream.Stream;

/**
 * What a pipeline run decided about one model, in the order it gets there: not trained (nothing new), trained, then
 * passed or rejected by the gate, then published. Written as its label ({@code summary.json}, {@code gate.json},
 * {@code pipeline.json}, the console and HTML tables).
 */
public enum Decision {
    NOT_TRAINED("not trained"),
    TRAINED("trained"),
    PASSED("passed"),
    REJECTED("rejected"),
    PUBLISHED("published");

    private final String label;

    Decision(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** The decision a label names; an unknown label (a file of another version) is an error naming it. */
    @JsonCreator
    public static Decision of(String label) {
        return Stream.of(values()).filter(d -> d.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pipeline decision '" + label + "'"));
    }

    @Override
    public String toString() {
        return label;
    }
}
