package dev.self2face.etl.dataset;

import dev.self2face.json.Json;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code _manifest.json}: what a dataset holds. Readers read exactly the files it lists, so files a failed run left
 * behind are never seen.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Manifest {

    public int schemaVersion = PairSchema.VERSION;
    public String kind = "self2face-dataset";
    public String runId;
    public String createdAt;
    /** The sampling interval the last run used (seconds between kept frames, at most). */
    public double sampleIntervalSec;
    /** The resolved configuration of the last run (secrets redacted). */
    public Map<String, Object> config = new LinkedHashMap<>();
    public Map<String, Source> sources = new TreeMap<>();
    public Totals totals = new Totals();
    /** Wall seconds per driver stage, and summed task seconds per executor stage, of the last run. */
    public Map<String, Double> stageSeconds = new LinkedHashMap<>();
    /** The last run's identity stage (absent with etl.identity = off). */
    public Identity identity;

    /** The attributes ({@link FaceMeasures}) of the dataset's faces: quantiles over all pairs (absent without
     * landmarks). */
    public Attributes attributes;

    /** Quantiles of each attribute over the dataset's faces: {@code values.get(name).get(i)} is quantile
     * {@code quantiles.get(i)} (p05, p25, p50, p75, p95). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Attributes {
        public long faces;
        public List<String> quantiles = new ArrayList<>();
        public Map<String, List<Double>> values = new LinkedHashMap<>();
    }

    /** Who the last run's faces were: the mode, the faces per identity found (largest first), kept and dropped. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Identity {
        public String mode;
        public List<Integer> identities = new ArrayList<>();
        public long kept;
        public Map<String, Long> dropped = new TreeMap<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Source {
        public String uri;
        public String fingerprint;
        /** ok, partial (some segments could not be decoded) or rejected. */
        public String status;
        public String runId;
        public Double durationSec;
        public Double fps;
        public Integer width;
        public Integer height;
        public String codec;
        public int segments;
        public long framesDecoded;
        public long framesSampled;
        public long facesFound;
        public long kept;
        public long train;
        public long val;
        public long rejects;
        public Map<String, Long> dropped = new TreeMap<>();
        /** "stage: reason" of this source's rows in the rejects table (the first 20). */
        public List<String> rejectReasons = new ArrayList<>();
        /** Files of this source, relative to the dataset root. */
        public List<String> files = new ArrayList<>();
    }

    public static class Totals {
        public long pairs;
        public long train;
        public long val;
        /** Inputs that gave no pairs at all. */
        public long rejected;
        public long rejectRows;
        public int sources;
    }

    public void recomputeTotals() {
        Totals t = new Totals();
        for (Source s : sources.values()) {
            t.pairs += s.kept;
            t.train += s.train;
            t.val += s.val;
            t.rejectRows += s.rejects;
            if ("rejected".equals(s.status)) {
                t.rejected++;
            }
        }
        t.sources = sources.size();
        totals = t;
    }

    public List<String> files(String prefix) {
        List<String> out = new ArrayList<>();
        for (Source s : sources.values()) {
            for (String f : s.files) {
                if (f.startsWith(prefix)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    public byte[] toJson() {
        try {
            return Json.PRETTY.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Manifest fromJson(byte[] json) throws IOException {
        return Json.MAPPER.readValue(json, Manifest.class);
    }
}
