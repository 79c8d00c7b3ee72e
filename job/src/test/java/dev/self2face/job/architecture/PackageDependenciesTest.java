package dev.self2face.job.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job module's packages depend one way, as docs/ARCHITECTURE.md draws them: each on packages of lower layers
 * only, read from the sources — imports and any fully qualified name in code (comments and string literals left
 * out) — and no class names another of the project by its full name where an import would do.
 */
class PackageDependenciesTest {
    /** Bottom to top; a package may use the packages of the layers below it. */
    static final List<List<String>> LAYERS = List.of(
            List.of("backend", "data"),
            List.of("model"),
            List.of("eval", "run"),
            List.of("report", "spark"),
            List.of("etl", "train"),
            List.of("apply", "sweep", "pipeline"),
            List.of("bench"),
            List.of("cli"));

    static final Path MAIN = Path.of("src/main/java/dev/self2face/job");
    static final Pattern NAME = Pattern.compile("\\bdev\\.self2face\\.job\\.([a-z]+)\\.");
    static final Pattern FULL_NAME = Pattern.compile("\\bdev\\.self2face\\.[a-z.]+\\.[A-Z]\\w*");

    /** The source with comments and string and character literals blanked. */
    static String code(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ")
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(\\\\.|[^'\\\\])'", "' '");
    }

    static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    static Map<String, TreeSet<String>> dependencies() throws IOException {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f.getParent()).getName(0).toString();
                Matcher m = NAME.matcher(code(Files.readString(f)));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        out.computeIfAbsent(pkg + " -> " + m.group(1), k -> new TreeSet<>())
                                .add(f.getFileName().toString());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyPackageIsInALayerAndUsesOnlyLowerOnes() throws IOException {
        try (Stream<Path> dirs = Files.list(MAIN)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                assertTrue(layer(d.getFileName().toString()) >= 0, "package " + d.getFileName()
                        + " has no layer here: place it (and in docs/ARCHITECTURE.md)");
            }
        }
        List<String> upward = new ArrayList<>();
        dependencies().forEach((edge, files) -> {
            String[] ends = edge.split(" -> ");
            if (layer(ends[1]) >= layer(ends[0])) {
                upward.add(edge + " in " + files);
            }
        });
        assertEquals(List.of(), upward, "dependencies that point sideways or up");
    }

    @Test
    void projectClassesAreImportedNotNamedInFull() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../datasets-etl/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : code(Files.readString(f)).split("\n")) {
                        if (line.startsWith("import ") || line.startsWith("package ")) {
                            continue;
                        }
                        Matcher m = FULL_NAME.matcher(line);
                        while (m.find()) {
                            found.add(f.getFileName() + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theCheckSeesWhatItLooksFor() {
        // an upward edge written as an inline full name is found; one inside a comment or a string is not
        assertTrue(NAME.matcher(code("x = new dev.self2face.job.cli.Main();")).find());
        assertTrue(!NAME.matcher(code("// dev.self2face.job.cli.Main\nString s = \"dev.self2face.job.cli.Main\";"))
                .find());
    }
}
