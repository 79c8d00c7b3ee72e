package dev.self2face.job.pipeline;

/**
 * Where the pipeline keeps things under its root:
 * <pre>
 * ROOT/_LOCK                                   the running pipeline (one at a time)
 * ROOT/dataset/                                the ETL's dataset, grown incrementally
 * ROOT/runs/RUN-ID/pipeline.json               the pipeline run's state (running, finished, abandoned)
 * ROOT/runs/RUN-ID/MODEL/                      a candidate: an ordinary training run, plus gate.json
 * ROOT/runs/RUN-ID/summary.json, summary.html  what was new, trained, measured, published, and why
 * ROOT/models/MODEL/LATEST, ROOT/models/MODEL/RUN-ID/   the live model and the published ones
 * </pre>
 */
public final class PipelineLayout {
    public static final String STATE = "pipeline.json";
    public static final String SUMMARY = "summary.json";
    public static final String SUMMARY_HTML = "summary.html";
    public static final String GATE = "gate.json";

    private PipelineLayout() {
    }

    public static String dataset(String root) {
        return root + "/dataset";
    }

    public static String runs(String root) {
        return root + "/runs";
    }

    public static String run(String root, String id) {
        return runs(root) + "/" + id;
    }

    public static String candidate(String root, String id, String model) {
        return run(root, id) + "/" + model;
    }

    public static String models(String root, String model) {
        return root + "/models/" + model;
    }
}
