package dev.self2face.job.run;

import dev.self2face.job.data.AttributeLabels;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.job.model.ModelSettings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code run.json}: what a run is (model, data, the dataset's ETL settings), written when it starts. */
public class RunInfo {
    public String kind = "self2face-run";
    public String model;
    public int size;
    public int zDim;
    public int ngf;
    public int ndf;
    public double lambdaL1;
    public long seed;
    public int steps;
    public int batch;
    public String data;
    public int datasetSchemaVersion;
    public long trainPairs;
    public long valPairs;
    public String createdAt;
    public String finishedAt;
    /** The ETL settings the dataset was made with: translate makes condition images from photos the same way. */
    public Map<String, Object> datasetConfig = new LinkedHashMap<>();
    /** A conditional model's attributes, in G's input order: threshold and share of train faces labelled 1. */
    public Map<String, Map<String, Double>> attributes = new LinkedHashMap<>();
    /** The resolved model and training config of this run (secrets redacted). */
    public Map<String, Object> config = new LinkedHashMap<>();

    /** The info of a run starting now on {@code dataset} at {@code data}, with its recorded config. */
    public static RunInfo of(ModelSettings m, long seed, int steps, int batch, String data, Manifest dataset,
                             long trainPairs, long valPairs, Map<String, Object> config) {
        RunInfo info = new RunInfo();
        info.model = m.kind();
        info.size = m.size();
        info.zDim = m.zDim();
        info.ngf = m.ngf();
        info.ndf = m.ndf();
        info.lambdaL1 = m.lambdaL1();
        info.seed = seed;
        info.steps = steps;
        info.batch = batch;
        info.data = data;
        info.datasetSchemaVersion = dataset.schemaVersion;
        info.trainPairs = trainPairs;
        info.valPairs = valPairs;
        info.createdAt = Instant.now().toString();
        if (dataset.config.get("etl") instanceof Map<?, ?> etl) {
            etl.forEach((k, v) -> info.datasetConfig.put(String.valueOf(k), v));
        }
        info.config = config;
        return info;
    }

    /** This info with a conditional model's attribute labels recorded (none: unchanged). */
    public RunInfo withLabels(AttributeLabels labels) {
        if (labels != null) {
            attributes = labels.record();
        }
        return this;
    }
}
