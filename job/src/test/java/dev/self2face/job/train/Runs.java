package dev.self2face.job.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.self2face.job.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs CLI commands in this JVM and reads what a run wrote. */
final class Runs {
    record Result(int exitCode, String err) {
    }

    private Runs() {
    }

    static Result cli(List<String> args) {
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(err, true), args.toArray(String[]::new));
        return new Result(rc, err.toString());
    }

    /** The lines of metrics.jsonl's logged steps (the losses), without the evaluation lines. */
    static List<JsonNode> metrics(Path run) throws Exception {
        return lines(run, false);
    }

    /** The evaluation lines of metrics.jsonl (sample steps: the metrics). */
    static List<JsonNode> evaluations(Path run) throws Exception {
        return lines(run, true);
    }

    private static List<JsonNode> lines(Path run, boolean evaluations) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = json.readTree(l);
            if (n.path("evaluation").asBoolean(false) == evaluations) {
                out.add(n);
            }
        }
        return out;
    }

    static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }
}
