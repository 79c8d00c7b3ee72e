package dev.self2face.job.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.self2face.config.ConfigError;
import dev.self2face.config.Keys;
import dev.self2face.etl.dataset.FaceAttributes;
import dev.self2face.etl.dataset.FaceMeasures;
import dev.self2face.etl.dataset.Manifest;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

/**
 * The binary attribute labels a conditional model trains on: attribute {@code name} is 1 when the face's measure
 * ({@link FaceMeasures}) lies above its threshold. Thresholds come from the train split's own distribution — the
 * {@code model.<kind>.threshold-quantile} quantile (0.5: the median, so each label is 1 on about half the faces) —
 * unless {@code model.<kind>.thresholds} fixes one (e.g. {@code { mouth_open = 0.08 }}). Computed once on the driver,
 * recorded in the run, and applied as a Spark column, so executors label their rows as the driver does.
 *
 * @param thresholds per name, in the order of {@code names}
 * @param positive   the fraction of train faces labelled 1, per name
 */
public record AttributeLabels(List<String> names, double[] thresholds, double[] positive) implements Serializable {
    /** The labels column (array of 0/1 floats, in the order of {@link #names}) of {@link #withLabels}. */
    public static final String COLUMN = "labels";

    /** How thresholds are chosen: a quantile of the train split, or fixed values by name. */
    public record Settings(double quantile, Map<String, Double> fixed) implements Serializable {
        /** @param kind the model's id; {@code attributes} the attributes it learns */
        public static Settings from(Config c, String kind, List<String> attributes) {
            String section = "model." + kind + ".";
            double q = c.hasPath(section + "threshold-quantile")
                    ? Keys.doubleIn(c, section + "threshold-quantile", 0.01, 0.99) : 0.5;
            Map<String, Double> fixed = new LinkedHashMap<>();
            if (c.hasPath(section + "thresholds")) {
                String key = section + "thresholds";
                try {
                    for (String name : c.getConfig(key).root().keySet()) {
                        if (!attributes.contains(name)) {
                            throw new ConfigError("config key '" + key + "." + name + "': not one of the model's "
                                    + "attributes " + attributes);
                        }
                        fixed.put(name, c.getDouble(key + "." + name));
                    }
                } catch (ConfigException e) {
                    throw new ConfigError("config key '" + key + "': must map attribute names to numbers ("
                            + e.getMessage() + ")");
                }
            }
            return new Settings(q, fixed);
        }
    }

    /**
     * Refuses, before Spark starts, a dataset whose faces have no landmarks to read attributes from: made with
     * {@code etl.aligner = eyes} (and {@code etl.condition = edges}), or of schema 1.
     */
    public static void checkDataset(Manifest manifest, String data, String kind) {
        Object aligner = manifest.config.get("etl") instanceof Map<?, ?> etl ? etl.get("aligner") : null;
        boolean eyes = aligner != null && String.valueOf(aligner).toLowerCase(Locale.ROOT).equals("eyes");
        if (eyes || manifest.schemaVersion < 2) {
            throw new ConfigError("model " + kind + " learns face attributes read from the landmarks, and dataset "
                    + data + " has none (" + (eyes ? "made with etl.aligner = eyes" : "schema version "
                    + manifest.schemaVersion + ", before landmarks were stored") + "); make the dataset with "
                    + "etl.aligner = landmarks (the default), or train dcgan or pix2pix on it");
        }
    }

    /** Thresholds and label frequencies of {@code names} over {@code train} (pairs with attributes only). */
    public static AttributeLabels fit(Dataset<Row> train, List<String> names, Settings s) {
        Map<String, double[]> q = FaceAttributes.quantiles(train, names, new double[] {s.quantile()});
        if (q.size() < names.size()) {
            throw new ConfigError("the train split has no faces with landmarks to read attributes " + names
                    + " from");
        }
        double[] t = new double[names.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.fixed().getOrDefault(names.get(i), q.get(names.get(i))[0]);
        }
        AttributeLabels unweighed = new AttributeLabels(List.copyOf(names), t, new double[t.length]);
        List<Column> means = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            means.add(functions.avg(functions.element_at(col(COLUMN), i + 1)));
        }
        Row r = unweighed.withLabels(train).agg(means.get(0), means.subList(1, means.size()).toArray(Column[]::new))
                .first();
        double[] positive = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            positive[i] = r.getDouble(i);
        }
        return new AttributeLabels(List.copyOf(names), t, positive);
    }

    /** {@code pairs} that have attributes, with the {@link #COLUMN} of their labels. */
    public Dataset<Row> withLabels(Dataset<Row> pairs) {
        List<Column> labels = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            labels.add(when(FaceAttributes.attribute(names.get(i)).gt(thresholds[i]), 1f).otherwise(0f));
        }
        return FaceAttributes.withAttributes(pairs).where(col(FaceAttributes.COLUMN).isNotNull())
                .withColumn(COLUMN, functions.array(labels.toArray(Column[]::new))
                        .cast(DataTypes.createArrayType(DataTypes.FloatType)));
    }

    /** As recorded in run.json: per attribute its threshold and the fraction of train faces above it. */
    public Map<String, Map<String, Double>> record() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Double> one = new LinkedHashMap<>();
            one.put("threshold", thresholds[i]);
            one.put("positive", positive[i]);
            out.put(names.get(i), one);
        }
        return out;
    }

    /**
     * The labels as {@link #record()} wrote them (a run's {@code run.json} {@code attributes}); null for none (an
     * unconditional run).
     */
    public static AttributeLabels of(Map<String, Map<String, Double>> recorded) {
        if (recorded == null || recorded.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(recorded.keySet());
        double[] t = new double[names.size()];
        double[] p = new double[names.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = recorded.get(names.get(i)).get("threshold");
            p[i] = recorded.get(names.get(i)).get("positive");
        }
        return new AttributeLabels(List.copyOf(names), t, p);
    }
}
