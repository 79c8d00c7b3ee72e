package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigLoader;
import dev.self2face.config.Secrets;
import dev.self2face.job.backend.LayerHelpers;
import dev.self2face.job.backend.NativeBuild;
import dev.self2face.job.model.ModelRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/** {@code self2face}: the command line. Parses, validates the config, calls one thing; no logic lives here. */
@Command(name = "self2face", mixinStandardHelpOptions = true, version = "self2face 0.1.0",
        description = "Hours of video of one person -> a personal face model.",
        subcommands = {PipelineCommand.class, EtlCommand.class, TrainCommand.class, SweepCommand.class,
                GenerateCommand.class,
                TranslateCommand.class, AvatarCommand.class, FaceMathCommand.class, InspectCommand.class,
                ReportCommand.class,
                ConfigCommand.class, BenchCommand.class})
public class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (2 for bad input or config, 1 for failures). */
    public static int run(String... args) {
        return run(new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, with errors written to {@code err}. */
    public static int run(PrintWriter err, String... args) {
        NativeBuild.choose(); // before anything loads ND4J's natives
        LayerHelpers.enable(); // before any layer is created
        // the models' ids for help texts (${sys:self2face.models}), from the registry: a model added is listed
        System.setProperty("self2face.models", String.join("|", ModelRegistry.ids().split(", ")));
        CommandLine cli = new CommandLine(new Main()).setErr(err).setUsageHelpWidth(120);
        Map<String, String[]> sections = Map.ofEntries(
                Map.entry("pipeline", new String[] {"pipeline", "etl", "model", "training", "storage", "spark"}),
                Map.entry("config", new String[] {"pipeline", "etl", "model", "training", "translate", "storage",
                        "spark"}),
                Map.entry("etl", new String[] {"etl", "storage", "spark"}),
                Map.entry("train", new String[] {"model", "training", "storage", "spark"}),
                Map.entry("sweep", new String[] {"model", "training", "storage", "spark"}),
                Map.entry("face-math", new String[] {"face-math", "translate", "storage"}),
                Map.entry("translate", new String[] {"translate", "storage"}),
                Map.entry("avatar", new String[] {"avatar", "storage"}),
                Map.entry("generate", new String[] {"storage"}),
                Map.entry("inspect", new String[] {"storage"}),
                Map.entry("report", new String[] {"storage"}));
        sections.forEach((name, keys) -> cli.getSubcommands().get(name).getCommandSpec().usageMessage()
                .footer(keysHelp(keys)));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> FailureReport.report(e, cmd));
        try {
            return cli.execute(args);
        } catch (Error e) { // picocli hands only Exceptions to the handler; Hadoop's FSError (disk full) is an Error
            CommandLine cmd = cli.getParseResult() == null ? cli : last(cli.getParseResult());
            return FailureReport.report(e, cmd);
        }
    }

    private static CommandLine last(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p.hasSubcommand()) {
            p = p.subcommand();
        }
        return p.commandSpec().commandLine();
    }

    /** The config keys of some sections with their defaults, for --help. */
    static String keysHelp(String... sections) {
        Config all = ConfigLoader.load(List.of(), List.of());
        StringBuilder b = new StringBuilder("%nConfig keys (--set KEY=VALUE or --conf FILE), with defaults:%n");
        for (String section : sections) {
            TreeMap<String, Object> keys = new TreeMap<>();
            for (var e : all.getConfig(section).entrySet()) {
                Object v = e.getValue().unwrapped();
                boolean secret = Secrets.isSecret(e.getKey());
                keys.put(e.getKey(), secret ? (String.valueOf(v).isEmpty() ? "\"\"" : "***** (set)") : v);
            }
            for (String free : List.of("hadoop", "conf")) {
                if (all.getConfig(section).root().containsKey(free)) {
                    keys.put(free + ".\"KEY\"", "any " + (free.equals("conf") ? "Spark" : "Hadoop")
                            + " setting, passed through as it is");
                }
            }
            if (section.equals("pipeline")) {
                keys.put("train.MODEL.KEY", "a model.* or training.* key for that model's training only");
            }
            keys.forEach((k, v) -> b.append(String.format("  %-36s %s%%n", section + "." + k,
                    String.valueOf(v).replace("%", "%%"))));
        }
        return b.toString();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
