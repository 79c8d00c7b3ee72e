package dev.self2face.job.bench;

import org.apache.spark.network.util.JavaUtils;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and workers, each its own JVM started from a SPARK_HOME
 * that holds only {@code jars/} (the build assembles one from the Spark jars Maven resolves), and SparkSubmit in
 * client mode as the driver. Used by {@code bench spark} and the cluster tests. Spark's own sbin scripts would need a
 * Spark distribution; these few process starts are all they would do here.
 */
public final class StandaloneCluster implements AutoCloseable {
    private final Path sparkHome;
    private final List<String> jvmFlags;
    private final int port;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final Path logs;
    private volatile boolean keepLogs;
    private final String driverMemory;

    /**
     * @param jvmFlags     the Java 17 {@code --add-opens} flags Spark needs, for the master, workers and driver
     * @param workerMemory what each worker offers its executors ({@code spark.executor.memory} must fit)
     * @param driverMemory the SparkSubmit JVM's heap (client mode: the driver is that JVM)
     */
    public StandaloneCluster(Path sparkHome, List<String> jvmFlags, int workerCount, String workerMemory,
                             String driverMemory) throws IOException, InterruptedException {
        this.sparkHome = sparkHome;
        this.jvmFlags = jvmFlags;
        this.driverMemory = driverMemory;
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new IllegalArgumentException(sparkHome.resolve("jars")
                    + ": no Spark jars (make them with mvn -pl job dependency:copy-dependencies@spark-home)");
        }
        logs = Files.createTempDirectory("spark-cluster");
        port = freePort();
        master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        for (int i = 0; i < workerCount; i++) {
            Path work = Files.createDirectories(logs.resolve("work-" + i));
            workers.add(start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--cores", "1",
                    "--memory", workerMemory, "--work-dir", work.toString(), "--host", "127.0.0.1",
                    "--webui-port", String.valueOf(freePort()), url())));
        }
        Thread.sleep(6000); // the workers register with the master
    }

    public String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** The worker JVMs, in start order. */
    public List<Process> workers() {
        return workers;
    }

    /** Where the master's and workers' logs (and executors' work dirs) are. */
    public Path logs() {
        return logs;
    }

    private Process start(String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-Dspark.worker.cleanup.enabled=true", "-cp", sparkHome.resolve("jars") + "/*"));
        cmd.addAll(mainAndArgs);
        return processBuilder(cmd).redirectOutput(logs.resolve(name + ".log").toFile()).start();
    }

    /**
     * spark-submit (client mode) of {@code appJar} with one executor core per worker, {@code sparkConf} as extra
     * {@code --conf key=value} settings, and the application's arguments; the driver's output goes to {@code log}.
     */
    public Process submit(File log, Path appJar, String mainClass, Map<String, String> sparkConf, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + driverMemory,
                "-Dorg.bytedeco.javacpp.maxbytes=8G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=16G"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--master", url(), "--deploy-mode", "client", "--class", mainClass,
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.executor.cores=1",
                "--conf", "spark.cores.max=" + workers.size(), "--conf", "spark.ui.enabled=false"));
        sparkConf.forEach((k, v) -> cmd.addAll(List.of("--conf", k + "=" + v)));
        cmd.add(appJar.toString());
        cmd.addAll(args);
        return processBuilder(cmd).redirectOutput(log).start();
    }

    private ProcessBuilder processBuilder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb;
    }

    /** Waits for a process; kills it and fails after {@code minutes}. */
    public static int waitFor(Process p, int minutes) throws InterruptedException {
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("did not finish in " + minutes + " minutes");
        }
        return p.exitValue();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Keeps {@link #logs()} after {@link #close()}: what a failed run left there is its evidence. */
    public void keepLogs() {
        keepLogs = true;
    }

    /**
     * Stops the master, the workers and their executors, and deletes {@link #logs()} — the logs and the executors'
     * work dirs, each holding a copy of the application jar — unless {@link #keepLogs()} was called.
     */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process w : workers) {
            w.descendants().forEach(all::add);
            all.add(w.toHandle());
        }
        all.add(master.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // still going after 30 s: its files stay
            }
        }
        if (!keepLogs) {
            try {
                JavaUtils.deleteRecursively(logs.toFile());
            } catch (IOException e) {
                // a log directory left behind is not worth failing over
            }
        }
    }
}
