package dev.self2face.testing;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A real S3-compatible server (S3Proxy with its filesystem backend) as its own JVM on 127.0.0.1 and a random port.
 * In-process it would clash with Spark's servlet and Jackson versions.
 */
public final class S3Server implements AutoCloseable {
    public final String accessKey = "self2face-test";
    public final String secretKey;
    public final int port;
    public final Path baseDir;
    private final Path props;
    private Process process;

    private S3Server(String secretKey, int port, Path baseDir, Path props, Process process) {
        this.secretKey = secretKey;
        this.port = port;
        this.baseDir = baseDir;
        this.props = props;
        this.process = process;
    }

    public static S3Server start(String... buckets) throws Exception {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("S3Proxy jar not found (system property s3proxy.jar = " + jar
                    + "); it is copied by the datasets-etl build");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path base = Files.createTempDirectory("s3proxy");
        for (String b : buckets) {
            Files.createDirectories(base.resolve(b));
        }
        String secret = "s3cr3t-" + UUID.randomUUID();
        Path props = base.resolveSibling(base.getFileName() + ".properties");
        Files.write(props, List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=self2face-test",
                "s3proxy.credential=" + secret,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + base));
        S3Server server = new S3Server(secret, port, base, props, launch(props, base));
        server.awaitUp();
        return server;
    }

    private static Process launch(Path props, Path base) throws IOException {
        return new ProcessBuilder("java", "-Xmx512m", "-jar", System.getProperty("s3proxy.jar"), "--properties",
                props.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolveSibling(base.getFileName() + ".log")
                        .toFile()))
                .start();
    }

    /** The server goes away as a crash takes it (killed, connections refused); what it stored stays on disk. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Back on the same port with the same objects (after {@link #kill}). */
    public void restart() throws Exception {
        process = launch(props, baseDir);
        awaitUp();
    }

    private void awaitUp() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(endpoint() + "/").openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode();
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("S3Proxy did not come up on port " + port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The --set lines that point self2face at this server. */
    public List<String> settings() {
        return List.of("storage.s3.endpoint=" + endpoint(), "storage.s3.path-style-access=true",
                "storage.s3.ssl-enabled=false", "storage.s3.access-key=" + accessKey,
                "storage.s3.secret-key=" + secretKey);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
