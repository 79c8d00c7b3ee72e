package dev.self2face.job.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the self2face command line in a child JVM (as bin/self2face does) and captures everything it prints. */
final class CliProcess {
    record Outcome(int exitCode, String output) {
    }

    private CliProcess() {
    }

    static Outcome run(Map<String, String> env, String logLevel, String... args) throws Exception {
        return run(List.of(), env, logLevel, args);
    }

    /**
     * As {@link #run(Map, String, String...)}, with the java command started by {@code wrapper} (e.g. a shell
     * that prepares a mount first); {@code logLevel} "launcher" uses bin/self2face's own log configuration, whose
     * log file is then {@code log-file} in the environment map (default: none).
     */
    static Outcome run(List<String> wrapper, Map<String, String> env, String logLevel, String... args)
            throws Exception {
        return await(start(command(wrapper, env, logLevel, args), env), args);
    }

    private static List<String> command(List<String> wrapper, Map<String, String> env, String logLevel,
                                        String... args) throws Exception {
        Path log4j = Files.createTempFile("log4j2", ".properties");
        Files.writeString(log4j, String.join("\n",
                "rootLogger.level = " + logLevel,
                "rootLogger.appenderRef.stdout.ref = console",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss} %-5p %c: %m%n"));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3g"));
        cmd.addAll(Arrays.asList(System.getProperty("java17.opens").trim().split("\\s+")));
        if (logLevel.equals("launcher")) {
            cmd.add("-Dlog4j2.configurationFile=" + Path.of("..", "conf", "log4j2.properties").toAbsolutePath());
            cmd.add("-Dself2face.log.file=" + env.getOrDefault("log-file", "/dev/null"));
        } else {
            cmd.add("-Dlog4j2.configurationFile=" + log4j);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(0, wrapper);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A started child JVM and the file its output goes to. */
    record Started(Process process, Path output) {
        String outputSoFar() throws IOException {
            return Files.readString(output);
        }
    }

    /** As {@link #run(Map, String, String...)}, without waiting: the caller waits for (or kills) the process. */
    static Started start(Map<String, String> env, String logLevel, String... args) throws Exception {
        return start(command(List.of(), env, logLevel, args), env);
    }

    private static Started start(List<String> cmd, Map<String, String> env) throws Exception {
        File out = Files.createTempFile("cli", ".log").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out);
        pb.environment().putAll(env);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return new Started(pb.start(), out.toPath());
    }

    private static Outcome await(Started started, String... args) throws Exception {
        Process p = started.process();
        Path out = started.output();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("self2face " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Outcome(p.exitValue(), Files.readString(out));
    }
}
