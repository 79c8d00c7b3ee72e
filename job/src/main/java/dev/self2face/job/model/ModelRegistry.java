package dev.self2face.job.model;

import dev.self2face.config.ConfigError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ServiceLoader;

/**
 * The models self2face trains, by {@link ModelType#id()}: the built-in ones, listed here, and any other
 * {@link ModelType} on the classpath declared as a Java service ({@code META-INF/services}).
 */
public final class ModelRegistry {
    private static final Map<String, ModelType> TYPES = load();

    private ModelRegistry() {
    }

    private static Map<String, ModelType> load() {
        Map<String, ModelType> types = new LinkedHashMap<>();
        for (ModelType t : new ModelType[] {DcGan.TYPE, Pix2Pix.TYPE, ConditionalDcGan.TYPE}) {
            types.put(t.id(), t);
        }
        for (ModelType t : ServiceLoader.load(ModelType.class)) {
            if (types.putIfAbsent(t.id(), t) != null && types.get(t.id()).getClass() != t.getClass()) {
                throw new IllegalStateException("two models are called " + t.id() + ": "
                        + types.get(t.id()).getClass().getName() + " and " + t.getClass().getName());
            }
        }
        return types;
    }

    /** The model called {@code id}; a {@link ConfigError} naming {@code key} and the known ones otherwise. */
    public static ModelType parse(String key, String id) {
        ModelType t = TYPES.get(id);
        if (t == null) {
            throw new ConfigError("config key '" + key + "' = '" + id + "': must be one of " + ids());
        }
        return t;
    }

    /** The model of a run or checkpoint that recorded {@code id}. */
    public static ModelType type(String id) {
        return parse("model.kind", id);
    }

    /** The known models' ids, e.g. "dcgan, pix2pix". */
    public static String ids() {
        return String.join(", ", TYPES.keySet());
    }

    /** The ids of the models whose generator takes {@code input} and nothing else. */
    public static List<String> takingOnly(GanInput input) {
        return TYPES.values().stream().filter(t -> t.inputs().equals(Set.of(input))).map(ModelType::id)
                .toList();
    }

    /** The ids of the models whose generator takes {@code input}. */
    public static List<String> taking(GanInput input) {
        return TYPES.values().stream().filter(t -> t.inputs().contains(input)).map(ModelType::id).toList();
    }
}
