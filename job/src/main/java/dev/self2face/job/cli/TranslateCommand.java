package dev.self2face.job.cli;

import dev.self2face.config.ConfigError;
import dev.self2face.job.apply.ApplySettings;
import dev.self2face.job.apply.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code self2face translate}: a published pix2pix run applied to condition images or to photos of a face. */
@Command(name = "translate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Run a trained pix2pix generator on condition images, or on photos of a face (aligned and "
                + "turned into a condition image by the ETL's own code and the dataset's settings; the face search "
                + "in photos is set by translate.* keys). Writes "
                + "NAME.png (the generated face) and, for photos, NAME-condition.png into --out.")
public class TranslateCommand implements Callable<Integer>, FailureReport.Subject {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A published pix2pix run.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "IMAGE|DIR",
            description = "An image, or a directory of images (any format OpenCV reads; other files are skipped "
                    + "and named); local path or URI.")
    String input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (path or URI).")
    String out;

    @Option(names = "--as", defaultValue = "auto", paramLabel = "auto|condition|photo",
            description = "How to read the inputs; auto: grey images that are mostly black are conditions.")
    String as;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of G's dropout.")
    long seed;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Translator.InputKind kind;
        try {
            kind = Translator.InputKind.valueOf(as.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("--as " + as + ": must be auto, condition or photo");
        }
        config.refuse("etl.", "translate aligns photos with the settings the run's dataset was made with; the face "
                + "search in photos is set by the translate.* keys");
        Translator.Outcome r = Translator.run(ApplySettings.from(config.load(List.of())), model, input, out, kind, seed);
        System.out.println("translated " + r.translated() + " of " + r.total() + " images into " + out
                + (r.skipped().isEmpty() ? "" : "; skipped:\n  " + String.join("\n  ", r.skipped())));
        return r.translated() > 0 ? 0 : 1;
    }

    @Override
    public String subject() {
        return "translating " + input + " into " + out;
    }
}
