package dev.self2face.job.cli;

import dev.self2face.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face config --show}: the resolved configuration, secrets masked. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check a configuration (the built-in defaults, --conf files, --set) and, with --show, print "
                + "it resolved, one key per line, secrets masked.")
public class ConfigCommand implements Callable<Integer> {
    @Option(names = "--show", description = "Print the resolved configuration.")
    boolean show;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        var c = config.load(List.of());
        System.out.print(show ? ConfigLoader.show(c, "pipeline", "etl", "model", "training", "translate", "storage",
                "spark") : "configuration valid\n");
        return 0;
    }
}
