package dev.self2face.job.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page opened in a real browser: Debian's headless Chromium (installed by bin/install-test-tools) loads it from
 * disk, runs its scripts and prints the DOM after the load event, where the report's own script has counted the
 * images the browser decoded and the script errors.
 */
public final class Chromium {
    private Chromium() {
    }

    static List<String> base(Path userDir) {
        return new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + userDir, "--virtual-time-budget=15000"));
    }

    static String executable() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw new AssertionError("no Chromium: run bin/install-test-tools (Debian's chromium package)");
    }

    /** Asserts every image of the page decoded (natural width > 0) and no script error occurred; returns the count. */
    public static int assertImagesDecodeWithoutErrors(Path html) throws Exception {
        Path user = Files.createTempDirectory("chromium");
        List<String> cmd = base(user);
        cmd.addAll(List.of("--dump-dom", html.toUri().toString()));
        String dom = run(cmd);
        Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
        assertTrue(body.find(), "no body in the DOM Chromium printed");
        int images = attribute(body.group(1), "data-images");
        int decoded = attribute(body.group(1), "data-decoded");
        assertTrue(images > 0, "the page has images: " + body.group(1));
        assertEquals(images, decoded, "every image decodes: " + body.group(1));
        assertEquals(0, attribute(body.group(1), "data-script-errors"), "no script error: " + body.group(1));
        return images;
    }

    /** A screenshot of the page's top {@code height} pixels at 1280 wide. */
    public static void screenshot(Path html, Path png, int height) throws Exception {
        Files.createDirectories(png.getParent());
        List<String> cmd = base(Files.createTempDirectory("chromium"));
        cmd.addAll(List.of("--hide-scrollbars", "--window-size=1280," + height, "--screenshot=" + png,
                html.toUri().toString()));
        run(cmd);
        assertTrue(Files.size(png) > 10_000, png + " written");
    }

    private static int attribute(String attrs, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(attrs);
        assertTrue(m.find(), name + " set by the page's script (did it run?): " + attrs);
        return Integer.parseInt(m.group(1));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Path err = Files.createTempFile("chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Chromium finished");
        assertEquals(0, p.exitValue(), "Chromium: " + Files.readString(err));
        return new String(out, StandardCharsets.UTF_8);
    }
}
