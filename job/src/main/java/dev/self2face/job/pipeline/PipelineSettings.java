package dev.self2face.job.pipeline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.self2face.config.ConfigError;
import dev.self2face.config.ConfigLoader;
import dev.self2face.config.Keys;
import dev.self2face.job.etl.EtlRun;
import dev.self2face.job.model.ModelRegistry;
import dev.self2face.job.train.TrainingRun;
import dev.self2face.spark.SparkSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code pipeline.*} keys, validated before Spark starts: the root, the inputs, the ETL's and the session's
 * settings, the models with each one's training settings (the run's config with its {@code pipeline.train.<model>}
 * keys on top, on the root's dataset; {@link TrainingRun.Settings#at} gives a candidate its place) and quality gate.
 */
public record PipelineSettings(String root, List<String> inputs, EtlRun.Settings etl, SparkSettings spark,
                               Map<String, TrainingRun.Settings> models, Map<String, GateRule> gates,
                               boolean warmStart, boolean retrainIfUnchanged) {

    public static PipelineSettings from(Config c) {
        String root = Keys.string(c, "pipeline.root");
        if (root.isBlank()) {
            throw new ConfigError("config key 'pipeline.root' (--root) is required: where the dataset, runs and "
                    + "live models go");
        }
        List<String> inputs = strings(c, "pipeline.inputs");
        if (inputs.isEmpty()) {
            throw new ConfigError("config key 'pipeline.inputs' (--input) is required: the videos to learn from");
        }
        List<String> ids = strings(c, "pipeline.models");
        if (ids.isEmpty()) {
            throw new ConfigError("config key 'pipeline.models': empty; the models the pipeline trains ("
                    + ModelRegistry.ids() + ")");
        }
        Config train = c.getConfig("pipeline.train");
        // sections of models this run does not train are kept for runs that do; a name no model has is a typo
        for (String id : train.root().keySet()) {
            ModelRegistry.parse("pipeline.train." + id, id);
        }
        Map<String, TrainingRun.Settings> models = new LinkedHashMap<>();
        Map<String, GateRule> gates = new LinkedHashMap<>();
        for (String id : ids) {
            ModelRegistry.parse("pipeline.models", id);
            Config own = train.hasPath(id) ? train.getConfig(id) : ConfigFactory.empty();
            ConfigLoader.checkKnown(own, "pipeline.train." + id);
            for (String key : own.root().keySet()) {
                if (!key.equals("model") && !key.equals("training")) {
                    throw new ConfigError("config key 'pipeline.train." + id + "." + key + "': only model.* and "
                            + "training.* keys can differ between the pipeline's models");
                }
            }
            Config model = own.withFallback(c)
                    .withValue("model.kind", ConfigValueFactory.fromAnyRef(id))
                    .withValue("training.data", ConfigValueFactory.fromAnyRef(PipelineLayout.dataset(root)))
                    .withValue("training.out", ConfigValueFactory.fromAnyRef(root + "/runs/-/" + id));
            TrainingRun.Settings settings = TrainingRun.Settings.from(model);
            gates.put(id, GateRule.from(c, id, settings.metrics()));
            models.put(id, settings);
        }
        for (String id : c.getConfig("pipeline.gate").root().keySet()) {
            ModelRegistry.parse("pipeline.gate." + id, id);
        }
        return new PipelineSettings(root.endsWith("/") ? root.substring(0, root.length() - 1) : root, inputs,
                EtlRun.Settings.from(c), SparkSettings.from(c), models, gates, Keys.bool(c, "pipeline.warm-start"), Keys.bool(c, "pipeline.retrain-if-unchanged"));
    }

    private static List<String> strings(Config c, String key) {
        try {
            return new ArrayList<>(c.getStringList(key));
        } catch (ConfigException.WrongType e) {
            throw new ConfigError("config key '" + key + "': must be a list of strings");
        }
    }
}
