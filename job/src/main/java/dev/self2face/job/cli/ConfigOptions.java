package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.config.ConfigError;
import dev.self2face.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** {@code --conf FILE} and {@code --set key=value}: the layers over reference.conf. */
public class ConfigOptions {
    @Option(names = "--conf", paramLabel = "FILE",
            description = "HOCON file layered over the built-in defaults (e.g. conf/local.conf); repeatable, later "
                    + "files over earlier ones (e.g. --conf conf/emr.conf --conf conf/nightly.conf).")
    List<File> conf = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one config key (repeatable), e.g. --set etl.size=128.")
    List<String> sets = new ArrayList<>();

    /**
     * Fails with a {@link dev.self2face.config.ConfigError} when the user's --conf or --set gives a key under
     * {@code prefix} (a section this command does not use), saying why.
     */
    public void refuse(String prefix, String why) {
        for (String key : ConfigLoader.userKeys(conf, sets)) {
            if (key.startsWith(prefix)) {
                throw new ConfigError("config key '" + key + "': not used here: " + why);
            }
        }
    }

    /** Loads and type-checks the config; a bad key or value is a ConfigError (exit code 2). */
    public Config load(List<String> extra) {
        List<String> all = new ArrayList<>(sets);
        all.addAll(extra);
        return ConfigLoader.load(conf, all);
    }
}
