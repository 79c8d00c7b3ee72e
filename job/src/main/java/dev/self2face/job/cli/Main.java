package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.etl.dataset.DatasetError;
import dev.self2face.job.run.RunError;
import picocli.CommandLine;
import picocli.CommandLine.Command;


/** {@code self2face}: the command line. Parses, validates the config, calls one thing; no logic lives here. */
@Command(name = "self2face", mixinStandardHelpOptions = true, version = "self2face 0.1.0",
        description = "Hours of video of one person -> a personal face model.",
        subcommands = {EtlCommand.class, TrainCommand.class, GenerateCommand.class, TranslateCommand.class,
                InspectCommand.class, BenchCommand.class})
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
        cli.getSubcommands().get("train").getCommandSpec().usageMessage()
                .footer(keysHelp("model", "training"));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigError || e instanceof DatasetError || e instanceof RunError) {
                cmd.getErr().println("self2face " + cmd.getCommandName() + ": error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** The config keys of some sections with their defaults, for --help. */
    static String keysHelp(String... sections) {
        Config all = dev.self2face.config.ConfigLoader.load(null, java.util.List.of());
        StringBuilder b = new StringBuilder("%nConfig keys (--set KEY=VALUE or --conf FILE), with defaults:%n");
        for (String section : sections) {
            java.util.TreeMap<String, Object> keys = new java.util.TreeMap<>();
            all.getConfig(section).entrySet().forEach(e -> keys.put(e.getKey(), e.getValue().unwrapped()));
            keys.forEach((k, v) -> b.append(String.format("  %-32s %s%%n", section + "." + k,
                    String.valueOf(v).replace("%", "%%"))));
        }
        return b.toString();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
