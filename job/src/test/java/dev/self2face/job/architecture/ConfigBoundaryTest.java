package dev.self2face.job.architecture;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings are parsed and checked once, at the top: below the commands ({@code job.cli}) no class takes or keeps a
 * raw {@code Config}, except the parsers themselves — the {@code config} package, the {@code *Settings} records,
 * static methods named {@code from} (a settings record from a config) or {@code check} (a service's checked
 * settings) and their private static helpers, a model type's {@code options} — and the sweep's
 * trial builder, which makes each trial's config from the space. Read from the compiled classes of both modules, so
 * a lambda's or a record's hidden members count too.
 */
class ConfigBoundaryTest {
    private static final Class<?> CONFIG = com.typesafe.config.Config.class;
    private static final Set<String> PARSER_METHODS = Set.of("from", "check");
    /** The sweep's trial builder: a trial is a config made from the space's values. */
    private static final Set<String> TRIAL_BUILDER = Set.of("dev.self2face.job.sweep.Sweep",
            "dev.self2face.job.sweep.TrialTask", "dev.self2face.job.sweep.SweepSpace");

    @Test
    void noRawConfigBelowTheCommandsButInParsers() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Path root : List.of(Path.of("target/classes"), Path.of("../datasets-etl/target/classes"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(f).toString().replace('/', '.').replaceFirst("\\.class$", "");
                    if (exempt(name)) {
                        continue;
                    }
                    Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                    check(c, wrong);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "a raw Config below the commands, outside a parser:\n  "
                + String.join("\n  ", wrong));
    }

    /** A class outside the rule: the commands, the config package and the sweep's trial builder. */
    private static boolean exempt(String name) {
        String outer = name.replaceFirst("\\$.*", "");
        return name.startsWith("dev.self2face.job.cli.") || name.startsWith("dev.self2face.config.")
                || TRIAL_BUILDER.contains(outer);
    }

    static void check(Class<?> c, List<String> wrong) {
        List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
        members.addAll(List.of(c.getDeclaredConstructors()));
        for (Executable m : members) {
            boolean takesConfig = Stream.of(m.getParameterTypes()).anyMatch(CONFIG::equals);
            boolean parser = m instanceof java.lang.reflect.Method && (Modifier.isStatic(m.getModifiers())
                    && PARSER_METHODS.contains(m.getName()) || modelOptions(c, m));
            if (takesConfig && !parser && !lambdaOfParser(m) && !parserClass(c) && !parserHelper(c, m)) {
                wrong.add(c.getName() + "." + (m instanceof java.lang.reflect.Method ? m.getName() : "<init>")
                        + " takes a Config");
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (f.getType().equals(CONFIG)) {
                wrong.add(c.getName() + "." + f.getName() + " keeps a Config");
            }
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (rc.getType().equals(CONFIG)) {
                    wrong.add(c.getName() + " (record) holds a Config: " + rc.getName());
                }
            }
        }
    }

    /** A model's own options parser: {@link dev.self2face.job.model.ModelType#options}. */
    private static boolean modelOptions(Class<?> c, Executable m) {
        return dev.self2face.job.model.ModelType.class.isAssignableFrom(c) && m.getName().equals("options");
    }

    /** A settings parser: {@code *Settings} and the types nested in it. */
    private static boolean parserClass(Class<?> c) {
        return c.getName().replaceFirst("\\$.*", "").endsWith("Settings");
    }

    /** A private static helper of a class whose static {@code from} or {@code check} takes a Config. */
    private static boolean parserHelper(Class<?> c, Executable m) {
        return Modifier.isPrivate(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                && Stream.of(c.getDeclaredMethods()).anyMatch(p -> Modifier.isStatic(p.getModifiers())
                && PARSER_METHODS.contains(p.getName()) && Stream.of(p.getParameterTypes()).anyMatch(CONFIG::equals));
    }

    /** A lambda written inside a parser ({@code lambda$from$0}) belongs to it. */
    private static boolean lambdaOfParser(Executable m) {
        return m.isSynthetic() && PARSER_METHODS.stream().anyMatch(p -> m.getName().startsWith("lambda$" + p + "$"));
    }
}
