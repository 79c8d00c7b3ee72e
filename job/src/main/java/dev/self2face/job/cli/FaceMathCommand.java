package dev.self2face.job.cli;

import dev.self2face.job.apply.FaceMath;
import dev.self2face.job.apply.FaceMathSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face face-math}: real faces in a DCGAN's z — projection, interpolation, completion. */
@Command(name = "face-math", mixinStandardHelpOptions = true,
        description = "Face math on a DCGAN run: real faces (val faces of its dataset, or --images) projected into z "
                + "(Adam on L1 + lambda * D's realism loss, z clipped to [-3, 3]), interpolated between (linear and "
                + "spherical), combined by arithmetic on the means of groups picked by a landmark measure "
                + "(A - B + C with a 3x3 neighbourhood), and completed where a mask hides them. Grids and numbers "
                + "go into --out. With no --op, all four run: the first demo to run on a new DCGAN.")
public class FaceMathCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A DCGAN run or model folder.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the grids go.")
    String out;

    @Option(names = "--op", paramLabel = "project|interpolate|arithmetic|complete",
            description = "Operations (repeatable; default: all).")
    List<String> ops;

    @Option(names = "--images", paramLabel = "FILE", arity = "1..*",
            description = "Image files to use instead of the dataset's val faces; each is aligned as the ETL "
                    + "aligns frames.")
    List<String> images = new ArrayList<>();

    @Option(names = "--z", paramLabel = "Z_CSV",
            description = "A z.csv written by an earlier projection: interpolate between its first two faces "
                    + "without projecting again.")
    String zFile;

    @Option(names = "--faces", paramLabel = "N", description = "Val faces to project (default 16).")
    int faces = 16;

    @Option(names = "--iterations", paramLabel = "N", description = "Adam steps on z (default 300).")
    int iterations = 300;

    @Option(names = "--lambda", paramLabel = "L", description = "Weight of D's realism loss (default 0.1).")
    double lambda = 0.1;

    @Option(names = "--lr", paramLabel = "LR", description = "Adam's learning rate on z (default 0.05).")
    double lr = 0.05;

    @Option(names = "--steps", paramLabel = "N", description = "Interpolation steps (default 8).")
    int steps = 8;

    @Option(names = "--measure", paramLabel = "mouth_open|eyes_open|smile|yaw|pitch",
            description = "The landmark measure arithmetic's groups are picked by (default mouth_open).")
    String measure = "mouth_open";

    @Option(names = "--group", paramLabel = "N", description = "Faces per arithmetic group (default 8).")
    int group = 8;

    @Option(names = "--mask", paramLabel = "lower-half|X,Y,W,H",
            description = "What completion hides: the lower half (default) or a box in the model's pixels.")
    String mask = "lower-half";

    @Option(names = "--seed", paramLabel = "S", description = "The z vectors' start (default 42).")
    long seed = 42;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        FaceMathSettings st = new FaceMathSettings(new LinkedHashSet<>(ops == null ? FaceMathSettings.OPS : ops),
                images, zFile, faces, iterations, lambda, lr, steps, measure, group, FaceMathSettings.Mask.parse(mask),
                seed);
        for (String f : FaceMath.run(config.load(List.of()), model, out, st)) {
            System.out.println("wrote " + f);
        }
        return 0;
    }

    @Override
    public String subject() {
        return "face-math " + out;
    }
}
