package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.job.apply.ApplySettings;
import dev.self2face.job.apply.AvatarRun;
import dev.self2face.job.apply.AvatarSettings;
import dev.self2face.job.bench.Machine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face bench avatar}: the avatar's frames/s next to decoding and encoding the same video alone. */
@Command(name = "avatar", mixinStandardHelpOptions = true,
        description = "The avatar's speed on a video next to the physical limit of its video side: the same video "
                + "decoded and encoded (same codecs and settings) without any face work, one after the other.")
public class BenchAvatarCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A pix2pix run or model folder.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "VIDEO", description = "A local video.")
    String input;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Config c = config.load(List.of("avatar.progress-seconds=0"));
        AvatarRun.Timing t = AvatarRun.bench(ApplySettings.from(c), AvatarSettings.from(c), model, input);
        System.out.println(Machine.describe());
        System.out.print(t.table());
        return 0;
    }
}
