package dev.self2face.job.pipeline;

/**
 * The stages of a pipeline run, in order. Each is recorded by its label in {@code pipeline.json} (where a stopped
 * run was) and as a key of {@code stage_seconds}; the training stage is one per model ({@code train dcgan}).
 */
public enum PipelineStage {
    START("start"),
    ETL("etl"),
    TRAIN("train"),
    EVALUATE("evaluate"),
    PUBLISH("publish"),
    SUMMARY("summary");

    private final String label;

    PipelineStage(String label) {
        this.label = label;
    }

    /** The label of this stage ({@code model} names the model of the training stage; null for the others). */
    public String label(String model) {
        if ((this == TRAIN) != (model != null)) {
            throw new IllegalArgumentException("stage " + label + (model == null ? " needs a model" : " has none"));
        }
        return model == null ? label : label + " " + model;
    }
}
