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

    static List<JsonNode> metrics(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            out.add(json.readTree(l));
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
