package dev.self2face.job.cli;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;

import java.util.List;

/** Option values as HOCON for {@code --set}-style overrides. */
final class Hocon {
    private Hocon() {
    }

    /** A list of strings, each quoted (URIs hold characters HOCON would read otherwise). */
    static String list(List<String> values) {
        return ConfigValueFactory.fromIterable(values).render(ConfigRenderOptions.concise());
    }
}
