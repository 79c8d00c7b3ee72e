package dev.self2face.job.run;

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
    /** The resolved model and training config of this run (secrets redacted). */
    public Map<String, Object> config = new LinkedHashMap<>();
}
