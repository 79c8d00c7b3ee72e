package dev.self2face.job.eval;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.self2face.config.ConfigError;
import dev.self2face.job.model.ModelType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The metrics self2face measures, by {@link Metric#name()}: the built-in ones, listed here, and any other
 * {@link Metric} on the classpath declared as a Java service ({@code META-INF/services}).
 */
public final class MetricRegistry {
    public static final String KEY = "training.metrics";
    private static final Map<String, Metric> METRICS = load();

    private MetricRegistry() {
    }

    private static Map<String, Metric> load() {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (Metric m : new Metric[] {new ValImageMetric.L1(), new ValImageMetric.Psnr(), new ValImageMetric.Ssim(),
                new ValImageMetric.MsSsim(), new SampleMetric.PairwiseL1(), new SampleMetric.MsSsimDiversity(),
                new SampleMetric.Frechet(), new SampleMetric.Kid(), new SampleMetric.NearestTrain(),
                new AttributeMetric.AuxAccuracy(), new AttributeMetric.ClassConsistency(), new AttributeMetric.JudgedConsistency(),
                new FaceMetric.FaceRate(),
                new FaceMetric.IdentityDistance()}) {
            metrics.put(m.name(), m);
        }
        for (Metric m : ServiceLoader.load(Metric.class)) {
            metrics.putIfAbsent(m.name(), m);
        }
        return metrics;
    }

    /**
     * The metrics {@code training.metrics} names that apply to models of {@code type}, in its order. A name no
     * metric has is a {@link ConfigError}; a metric that does not apply to the model (val L1 of a noise-to-face
     * model) is left out, so that one list serves every model.
     */
    public static List<Metric> from(Config c, ModelType type) {
        List<String> names;
        try {
            names = c.getStringList(KEY);
        } catch (ConfigException e) {
            throw new ConfigError("config key '" + KEY + "': must be a list of metric names (" + names() + ")");
        }
        List<Metric> out = new ArrayList<>();
        for (String n : names) {
            Metric m = METRICS.get(n);
            if (m == null) {
                throw new ConfigError("config key '" + KEY + "': unknown metric '" + n + "' (known: " + names()
                        + ")");
            }
            if (m.appliesTo(type) && !out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The metric called {@code name}. */
    public static Metric named(String name) {
        Metric m = METRICS.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no metric '" + name + "' (known: " + names() + ")");
        }
        return m;
    }

    public static String names() {
        return String.join(", ", METRICS.keySet());
    }
}
