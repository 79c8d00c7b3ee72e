package dev.self2face.job.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and workers, each its own JVM started from the Spark jars
 * Maven resolved (target/spark-home/jars, assembled by the build), and SparkSubmit in client mode as the driver.
 */
final class StandaloneCluster implements AutoCloseable {
    final Path sparkHome = Path.of(System.getProperty("spark.home.dir"));
    final int port;
    final Process master;
    final List<Process> workers = new ArrayList<>();
    final Path logs;

    StandaloneCluster(int workerCount) throws Exception {
        logs = Files.createTempDirectory("spark-cluster");
        port = freePort();
        master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        for (int i = 0; i < workerCount; i++) {
            startWorker(i);
        }
        Thread.sleep(6000); // the workers register with the master
    }

    Process startWorker(int i) throws Exception {
        Path work = Files.createDirectories(logs.resolve("work-" + i));
        Process w = start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--cores", "1",
                "--memory", "3g", "--work-dir", work.toString(), "--host", "127.0.0.1",
                "--webui-port", String.valueOf(freePort()), url()));
        workers.add(w);
        return w;
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    private Process start(String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m"));
        cmd.addAll(opens());
        cmd.addAll(List.of("-Dspark.worker.cleanup.enabled=true", "-cp", sparkHome.resolve("jars") + "/*"));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    /** spark-submit (client mode) of the shaded jar with the self2face arguments; the driver's output goes to log. */
    Process submit(File log, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx2g"));
        cmd.addAll(opens());
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--master", url(), "--deploy-mode", "client", "--class", "dev.self2face.job.cli.Main",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.executor.cores=1",
                "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2",
                "--conf", "spark.ui.enabled=false", System.getProperty("job.jar")));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    static int waitFor(Process p, int minutes) throws InterruptedException {
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in " + minutes + " minutes");
        }
        return p.exitValue();
    }

    private static List<String> opens() {
        return Arrays.asList(System.getProperty("java17.opens").trim().split("\\s+"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process w : workers) {
            w.descendants().forEach(ProcessHandle::destroyForcibly);
            w.destroyForcibly();
        }
        master.destroyForcibly();
    }
}
