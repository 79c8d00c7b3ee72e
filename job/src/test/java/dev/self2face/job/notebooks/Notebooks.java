package dev.self2face.job.notebooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The repository's notebooks, and running one with Jupyter (Debian's jupyter-nbconvert and python3-ipykernel). */
public final class Notebooks {
    private Notebooks() {
    }

    /** notebooks/ of the repository (tests run in job/). */
    public static Path dir() {
        Path p = Path.of("..", "notebooks").toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(p), p + " exists");
        return p;
    }

    public static List<Path> all() throws Exception {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    /**
     * Executes {@code notebook} top to bottom with {@code env} (nbconvert stops at the first cell that raises) and
     * returns the executed copy, written into {@code out}.
     */
    public static Path execute(Path notebook, Path out, Map<String, String> env) throws Exception {
        String nbconvert = Files.isExecutable(Path.of("/usr/bin/jupyter-nbconvert")) ? "/usr/bin/jupyter-nbconvert"
                : "jupyter-nbconvert";
        Path log = Files.createTempFile("nbconvert", ".log");
        ProcessBuilder pb = new ProcessBuilder(nbconvert, "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=300", "--output-dir", out.toString(), notebook.toString())
                .directory(dir().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("no jupyter-nbconvert: run bin/install-test-tools", e);
        }
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), notebook + " finished");
        assertEquals(0, p.exitValue(), notebook + ": " + Files.readString(log));
        return out.resolve(notebook.getFileName());
    }
}
