package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigLoader;
import dev.self2face.job.model.ModelRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command's {@code --help} lists every config key it reads, with its default (README), and names the models
 * from the registry. Which sections a command reads is written here by reading the commands' code, not taken from
 * the help's own table.
 */
class HelpTest {
    private static final Map<String, List<String>> READS = Map.ofEntries(
            Map.entry("pipeline", List.of("pipeline", "etl", "model", "training", "storage", "spark")),
            Map.entry("etl", List.of("etl", "storage", "spark")),
            Map.entry("train", List.of("model", "training", "storage", "spark")),
            Map.entry("sweep", List.of("model", "training", "storage", "spark")),
            Map.entry("translate", List.of("translate", "storage")),
            Map.entry("avatar", List.of("avatar", "storage")),
            Map.entry("generate", List.of("storage")),
            Map.entry("face-math", List.of("face-math", "translate", "storage")),
            Map.entry("inspect", List.of("storage")),
            Map.entry("report", List.of("storage")),
            Map.entry("config", List.of("pipeline", "etl", "model", "training", "translate", "storage", "spark")));

    static String help(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.add("--help");
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            StringWriter err = new StringWriter();
            assertEquals(0, Main.run(new PrintWriter(err, true), args.toArray(String[]::new)), err.toString());
            return out.toString(StandardCharsets.UTF_8) + err;
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void everyCommandsHelpListsEveryKeyItReads() {
        Config defaults = ConfigLoader.load(List.of(), List.of());
        for (var e : READS.entrySet()) {
            String help = help(e.getKey());
            int keys = 0;
            for (String section : e.getValue()) {
                for (var k : defaults.getConfig(section).entrySet()) {
                    String key = section + "." + k.getKey();
                    // free-form sections (Hadoop's and Spark's own settings) are listed as one line
                    String shown = key.startsWith("storage.hadoop.") ? "storage.hadoop.\"KEY\""
                            : key.startsWith("spark.conf.") ? "spark.conf.\"KEY\"" : key;
                    assertTrue(help.contains(shown), e.getKey() + " --help lacks " + shown);
                    keys++;
                }
            }
            assertTrue(keys > 0, e.getKey());
        }
    }

    @Test
    void commandsThatTakeAModelKindNameEveryRegisteredModel() {
        for (String[] command : List.of(new String[] {"train"}, new String[] {"sweep"},
                new String[] {"bench", "train"}, new String[] {"bench", "spark"})) {
            String help = help(command);
            for (String id : ModelRegistry.ids().split(", ")) {
                assertTrue(help.contains(id), String.join(" ", command) + " --help lacks the model " + id + ":\n"
                        + help);
            }
            assertTrue(help.contains("cdcgan"), String.join(" ", command));
        }
    }
}
