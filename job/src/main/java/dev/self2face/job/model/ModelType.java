package dev.self2face.job.model;

import java.util.Set;

/**
 * A model self2face can train, as the {@link ModelRegistry} knows it: its name in {@code model.kind} (and its
 * {@code model.<id>} section of the configuration), what its generator takes, and how to make one.
 */
public interface ModelType {
    /** The name in {@code model.kind}, {@code train --model} and a run's run.json. */
    String id();

    /** One line for {@code --help} and messages: the paper and what maps to what. */
    String description();

    /** What G takes; decides which commands and metrics apply to the model. */
    Set<GanInput> inputs();

    /**
     * The metric the nightly pipeline's quality gate compares candidate and live model by, unless
     * {@code pipeline.gate.<id>.metric} names another: one the model computes by default ({@code training.metrics}).
     */
    String gateMetric();

    /**
     * The model's own options from its section {@code model.<id>} of {@code c} (a {@link com.typesafe.config.Config}
     * already checked for unknown keys), each value checked: a mistake is a {@code ConfigError} naming the key.
     */
    ModelOptions options(com.typesafe.config.Config c);

    /** A freshly initialised model. */
    GanModel create(ModelSettings s);

    /** A model around graphs restored from a checkpoint. */
    GanModel restore(ModelSettings s, GanGraphs graphs);
}
