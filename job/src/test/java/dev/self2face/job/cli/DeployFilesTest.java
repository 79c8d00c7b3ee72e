package dev.self2face.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.self2face.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file of deploy/ parses (JSON with Jackson, YAML with Python's yaml, Python with py_compile, shell with
 * bash -n), names only classes that exist, and every self2face command line in them is one the command line accepts,
 * with config files that exist in conf/ and config keys the configuration knows; every conf/ file loads alone and
 * layered as the deploy files layer them.
 */
class DeployFilesTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    /** Debian's Python (with python3-yaml, bin/install-test-tools), not whatever python3 comes first on PATH. */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    static final Pattern CLASS = Pattern.compile("dev\\.self2face\\.[\\w.]*[A-Z]\\w*");

    static List<Path> deployFiles() throws Exception {
        try (Stream<Path> s = Files.walk(REPO.resolve("deploy"))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("__pycache__")).sorted()
                    .toList();
        }
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    @Test
    void everyDeployFileParses() throws Exception {
        List<String> seen = new ArrayList<>();
        for (Path f : deployFiles()) {
            String name = f.getFileName().toString();
            if (name.endsWith(".json")) {
                JSON.readTree(f.toFile());
            } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                yaml(f);
            } else if (name.endsWith(".py")) {
                Path cfile = Files.createTempFile("compiled", ".pyc");
                run(PYTHON, "-c", "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], "
                        + "doraise=True)", f.toString(), cfile.toString());
            } else if (name.endsWith(".sh")) {
                run("bash", "-n", f.toString());
            } else if (name.equals("Dockerfile")) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("COPY ")) {
                        String from = line.split("\\s+")[1];
                        assertTrue(Files.exists(REPO.resolve(from)) || from.equals("job/target/self2face.jar"),
                                f + ": COPY " + from + " does not exist");
                    }
                }
            } else {
                continue;
            }
            seen.add(REPO.relativize(f).toString());
        }
        for (String expected : List.of("deploy/spark-submit.sh", "deploy/emr/pipeline-step.json",
                "deploy/emr/create-cluster.sh", "deploy/emr/add-pipeline-step.sh", "deploy/dataproc/create-cluster.sh",
                "deploy/dataproc/submit-pipeline.sh", "deploy/k8s/Dockerfile", "deploy/k8s/spark-application.yaml",
                "deploy/k8s/scheduled-pipeline.yaml", "deploy/airflow/self2face_nightly.py")) {
            assertTrue(seen.contains(expected), expected + " checked: " + seen);
        }
    }

    @Test
    void deployFilesNameRealClassesTheJarAndValidCommandLines() throws Exception {
        int commandLines = 0;
        for (Path f : deployFiles()) {
            String text = Files.readString(f);
            Matcher m = CLASS.matcher(text);
            while (m.find()) {
                Class.forName(m.group()); // the main class, the Kryo registrator
            }
            if (text.contains("dev.self2face.job.cli.Main")) {
                assertTrue(text.contains("self2face.jar"), f + " names the main class but not the jar");
            }
            for (List<String> args : commandLines(f, text)) {
                checkCommandLine(f, args);
                commandLines++;
            }
        }
        // EMR's step, the Dataproc job (shell and DAG), the SparkApplication and the ScheduledSparkApplication
        assertTrue(commandLines >= 5, "command lines found: " + commandLines);
    }

    /** The self2face command lines of a deploy file: the arguments after the jar (or after "--"). */
    static List<List<String>> commandLines(Path f, String text) throws Exception {
        List<List<String>> out = new ArrayList<>();
        String name = f.getFileName().toString();
        if (name.endsWith(".json")) {
            for (JsonNode step : JSON.readTree(f.toFile())) {
                if (step.has("Args")) {
                    List<String> a = new ArrayList<>();
                    step.get("Args").forEach(x -> a.add(x.asText()));
                    out.add(a.subList(a.indexOf(a.stream().filter(x -> x.endsWith("self2face.jar")).findFirst()
                            .orElseThrow()) + 1, a.size()));
                }
            }
        } else if (name.endsWith(".yaml")) {
            for (JsonNode doc : yaml(f)) {
                JsonNode spec = doc.path("spec").has("template") ? doc.path("spec").path("template") : doc.path("spec");
                List<String> a = new ArrayList<>();
                spec.path("arguments").forEach(x -> a.add(x.asText()));
                if (!a.isEmpty()) {
                    out.add(a);
                }
            }
        } else if (name.endsWith(".py")) {
            Matcher m = Pattern.compile("\"args\": \\[(.*?)\\]", Pattern.DOTALL).matcher(text);
            while (m.find()) {
                List<String> a = new ArrayList<>();
                Matcher s = Pattern.compile("\"((?:[^\"]|\"\\s*\")*)\"").matcher(m.group(1));
                while (s.find()) {
                    a.add(s.group(1).replaceAll("\"\\s*\"", ""));
                }
                out.add(a);
            }
        } else if (name.endsWith(".sh")) {
            // "-- pipeline --conf …" continued over lines ending in a backslash
            String joined = text.replace("\\\n", " ");
            Matcher m = Pattern.compile("(?m)^(?!\\s*#)[^\\n]*?\\s--\\s+([a-z]+\\s+[^\\n]*)$").matcher(joined);
            while (m.find()) {
                List<String> a = new ArrayList<>();
                Matcher t = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(m.group(1));
                while (t.find()) {
                    a.add(t.group(1) != null ? t.group(1) : t.group(2));
                }
                out.add(a);
            }
        }
        return out;
    }

    /** The subcommand and its options parse; its config files exist and, with its --set keys, load. */
    static void checkCommandLine(Path f, List<String> args) {
        CommandLine cli = new CommandLine(new Main());
        CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
        assertTrue(parsed.hasSubcommand(), f + ": " + args);
        List<File> confs = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals("--conf")) {
                String file = Path.of(args.get(i + 1)).getFileName().toString();
                File conf = REPO.resolve("conf").resolve(file).toFile();
                assertTrue(conf.isFile(), f + ": --conf " + args.get(i + 1) + " is not a file of conf/");
                confs.add(conf);
            } else if (args.get(i).equals("--set")) {
                sets.add(args.get(i + 1));
            }
        }
        ConfigLoader.load(confs, sets);
    }

    static List<JsonNode> yaml(Path f) throws Exception {
        String json = run(PYTHON, "-c", "import json, sys, yaml; print(json.dumps(list(yaml.safe_load_all("
                + "open(sys.argv[1])))))", f.toString());
        List<JsonNode> docs = new ArrayList<>();
        JSON.readTree(json).forEach(docs::add);
        assertFalse(docs.isEmpty(), f.toString());
        return docs;
    }

    @Test
    void everyConfFileLoadsAloneAndLayeredAndEverySpaceFileParses() throws Exception {
        try (Stream<Path> s = Files.list(REPO.resolve("conf"))) {
            for (Path conf : s.filter(p -> p.toString().endsWith(".conf")).toList()) {
                ConfigLoader.load(List.of(conf.toFile()), List.of());
                ConfigLoader.load(List.of(conf.toFile(), REPO.resolve("conf/nightly.conf").toFile()), List.of());
            }
        }
        try (Stream<Path> s = Files.list(REPO.resolve("conf/sweeps"))) {
            for (Path space : s.filter(p -> p.toString().endsWith(".conf")).toList()) {
                assertFalse(dev.self2face.job.sweep.SweepSpace.parse(space.toString(), Files.readString(space))
                        .params().isEmpty(), space.toString());
            }
        }
    }
}
