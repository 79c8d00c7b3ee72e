package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.job.apply.ApplySettings;
import dev.self2face.job.apply.AvatarRun;
import dev.self2face.job.apply.AvatarSettings;
import dev.self2face.job.apply.AvatarSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code self2face avatar}: a pix2pix run driven by a video of anyone's face. */
@Command(name = "avatar", mixinStandardHelpOptions = true,
        description = "Drive a pix2pix run with a video: every frame's face is aligned and sketched as the ETL does "
                + "(landmarks smoothed over time), G draws your face from it, and it is pasted back into the frame "
                + "(or shown side by side). Same frames, frame rate and audio as the input; MP4 (H.264) out, with "
                + "OUTPUT.json (frames, faces, landmark jitter, flicker).")
public class AvatarCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--model", required = true, paramLabel = "RUN",
            description = "A pix2pix run, or a model folder (its LATEST).")
    String model;

    @Option(names = "--input", required = true, paramLabel = "VIDEO", description = "Any video FFmpeg reads.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "VIDEO.mp4", description = "The output video.")
    String output;

    @Option(names = "--layout", paramLabel = "paste|side-by-side|triptych", description = "avatar.layout")
    String layout;

    @Option(names = "--no-smoothing", description = "avatar.smoothing = false: landmarks as detected.")
    boolean noSmoothing;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        List<String> sets = new ArrayList<>();
        Hocon.set(sets, "avatar.layout", layout);
        Hocon.set(sets, "avatar.smoothing", noSmoothing ? false : null);
        Config c = config.load(sets);
        AvatarSummary s = AvatarRun.run(ApplySettings.from(c), AvatarSettings.from(c), model, input, output);
        System.out.println(String.format(Locale.ROOT, "avatar: %d frames (%d with a face, %d passed through) at "
                        + "%.3f fps -> %s; landmark jitter %s px (detected: %s px), flicker %s",
                s.frames(), s.framesWithFace(), s.framesPassedThrough(), s.frameRate(), output,
                fmt(s.landmarkJitterPx()), fmt(s.landmarkJitterDetectedPx()), fmt(s.flicker())));
        return 0;
    }

    private static String fmt(Double v) {
        return v != null ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    @Override
    public String subject() {
        return "avatar " + output;
    }
}
