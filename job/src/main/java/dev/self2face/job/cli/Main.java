package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.etl.dataset.DatasetError;
import picocli.CommandLine;
import picocli.CommandLine.Command;


/** {@code self2face}: the command line. Parses, validates the config, calls one thing; no logic lives here. */
@Command(name = "self2face", mixinStandardHelpOptions = true, version = "self2face 0.1.0",
        description = "Hours of video of one person -> a personal face model.",
        subcommands = {EtlCommand.class, InspectCommand.class, BenchCommand.class})
public class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (2 for bad input or config, 1 for failures). */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, with errors written to {@code err}. */
    public static int run(java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main()).setErr(err).setUsageHelpWidth(120);
        CommandLine etl = cli.getSubcommands().get("etl");
        etl.getCommandSpec().usageMessage().footer(keysHelp("etl"));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigError || e instanceof DatasetError) {
                cmd.getErr().println("self2face " + cmd.getCommandName() + ": error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** The config keys of a section with their defaults, for --help. */
    static String keysHelp(String section) {
        Config resolved = dev.self2face.config.ConfigLoader.load(null, java.util.List.of()).getConfig(section);
        StringBuilder b = new StringBuilder("%nConfig keys (--set KEY=VALUE or --conf FILE), with defaults:%n");
        new java.util.TreeMap<>(resolved.root()).forEach((k, v) -> b.append(
                String.format("  %s.%-22s %s%%n", section, k, String.valueOf(v.unwrapped()).replace("%", "%%"))));
        return b.toString();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
