package dev.self2face.etl.dataset;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The faces' attributes — the {@link FaceMeasures} of their landmarks — as the readers of a dataset see them: stored
 * by the ETL since schema 4, derived from the stored landmarks for datasets of schema 2 and 3, absent (null) for
 * pairs without landmarks (schema 1, or {@code etl.condition = edges} with the eye aligner).
 */
public final class FaceAttributes {
    /** Column name of the attributes struct in {@link #withAttributes}. */
    public static final String COLUMN = PairSchema.ATTRIBUTES;
    /** The quantiles a dataset's summary records, in its manifest and in {@code inspect}. */
    public static final double[] SUMMARY_QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};

    private static final UserDefinedFunction DERIVE = functions.udf(
            (UDF1<scala.collection.Seq<Object>, Row>) FaceAttributes::derive, PairSchema.ATTRIBUTE_FIELDS);

    private FaceAttributes() {
    }

    private static Row derive(scala.collection.Seq<Object> landmarks) {
        if (landmarks == null) {
            return null;
        }
        float[] p = new float[landmarks.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = ((Number) landmarks.apply(i)).floatValue();
        }
        return PairRows.attributes(p);
    }

    /** {@code pairs} with the {@link #COLUMN} struct filled in: as stored, or derived from the landmarks. */
    public static Dataset<Row> withAttributes(Dataset<Row> pairs) {
        return pairs.withColumn(COLUMN, functions.coalesce(col(PairSchema.ATTRIBUTES),
                DERIVE.apply(col(PairSchema.LANDMARKS))));
    }

    /** The column of one attribute of {@link #withAttributes}' struct. */
    public static Column attribute(String name) {
        return col(COLUMN + "." + name);
    }

    /**
     * The {@code probs} quantiles of each attribute in {@code names} over the pairs that have attributes (exact:
     * Spark's approxQuantile with relative error 0); empty when none has.
     */
    public static Map<String, double[]> quantiles(Dataset<Row> pairs, List<String> names, double[] probs) {
        Dataset<Row> values = withAttributes(pairs).where(col(COLUMN).isNotNull())
                .select(names.stream().map(n -> attribute(n).as(n)).toArray(Column[]::new));
        Map<String, double[]> out = new LinkedHashMap<>();
        double[][] q = values.stat().approxQuantile(names.toArray(String[]::new), probs, 0.0);
        for (int i = 0; i < names.size(); i++) {
            if (q[i].length == probs.length) {
                out.put(names.get(i), q[i]);
            }
        }
        return out;
    }

    /** The attribute summary of the dataset a commit is about to publish under {@code root} with {@code manifest}. */
    public static Manifest.Attributes summary(org.apache.spark.sql.SparkSession spark, org.apache.hadoop.fs.Path root,
                                              Manifest manifest) {
        if (manifest.files(DatasetPublisher.PAIRS + "/").isEmpty()) {
            return null;
        }
        return summary(FacePairs.beingPublished(spark, root, manifest).pairs());
    }

    /** The dataset's attribute summary for its manifest: all measures' {@link #SUMMARY_QUANTILES}; null if none. */
    public static Manifest.Attributes summary(Dataset<Row> pairs) {
        // only the columns the attributes come from are cached: not the pairs' PNGs (GBs at the mission's size)
        Dataset<Row> with = withAttributes(pairs.select(col(PairSchema.ATTRIBUTES), col(PairSchema.LANDMARKS)))
                .where(col(COLUMN).isNotNull()).cache();
        try {
            long n = with.count();
            if (n == 0) {
                return null;
            }
            Manifest.Attributes a = new Manifest.Attributes();
            a.faces = n;
            for (String q : List.of("p05", "p25", "p50", "p75", "p95")) {
                a.quantiles.add(q);
            }
            quantiles(with, FaceMeasures.NAMES, SUMMARY_QUANTILES).forEach((name, v) -> {
                List<Double> list = new java.util.ArrayList<>();
                for (double d : v) {
                    list.add(Math.round(d * 10000) / 10000.0);
                }
                a.values.put(name, list);
            });
            return a;
        } finally {
            with.unpersist();
        }
    }

    /** A row of {@link PairSchema#ATTRIBUTE_FIELDS} from measure values in {@link FaceMeasures#NAMES} order. */
    static Row row(double[] values) {
        Object[] boxed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return RowFactory.create(boxed);
    }
}
