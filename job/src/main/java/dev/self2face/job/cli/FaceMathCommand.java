package dev.self2face.job.cli;

import com.typesafe.config.Config;
import dev.self2face.job.apply.ApplySettings;
import dev.self2face.job.apply.FaceMath;
import dev.self2face.job.apply.FaceMathSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
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
            description = "face-math.ops: operations (repeatable; default: all).")
    List<String> ops;

    @Option(names = "--images", paramLabel = "FILE", arity = "1..*",
            description = "Image files to use instead of the dataset's val faces; each is aligned as the ETL "
                    + "aligns frames.")
    List<String> images = new ArrayList<>();

    @Option(names = "--z", paramLabel = "Z_CSV",
            description = "A z.csv written by an earlier projection: interpolate between its first two faces "
                    + "without projecting again.")
    String zFile;

    @Option(names = "--faces", paramLabel = "N", description = "face-math.faces: val faces to project.")
    Integer faces;

    @Option(names = "--iterations", paramLabel = "N", description = "face-math.iterations: Adam steps on z.")
    Integer iterations;

    @Option(names = "--lambda", paramLabel = "L", description = "face-math.lambda: weight of D's realism loss.")
    Double lambda;

    @Option(names = "--lr", paramLabel = "LR", description = "face-math.lr: Adam's learning rate on z.")
    Double lr;

    @Option(names = "--steps", paramLabel = "N", description = "face-math.steps: interpolation steps.")
    Integer steps;

    @Option(names = "--measure", paramLabel = "mouth_open|eyes_open|smile|yaw|pitch",
            description = "face-math.measure: the landmark measure arithmetic's groups are picked by.")
    String measure;

    @Option(names = "--group", paramLabel = "N", description = "face-math.group: faces per arithmetic group.")
    Integer group;

    @Option(names = "--mask", paramLabel = "lower-half|X,Y,W,H",
            description = "face-math.mask: what completion hides, the lower half or a box in the model's pixels.")
    String mask;

    @Option(names = "--seed", paramLabel = "S", description = "face-math.seed: the z vectors' start.")
    Long seed;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        List<String> sets = new ArrayList<>();
        Hocon.set(sets, "face-math.ops", ops);
        Hocon.set(sets, "face-math.faces", faces);
        Hocon.set(sets, "face-math.iterations", iterations);
        Hocon.set(sets, "face-math.lambda", lambda);
        Hocon.set(sets, "face-math.lr", lr);
        Hocon.set(sets, "face-math.steps", steps);
        Hocon.set(sets, "face-math.measure", measure);
        Hocon.set(sets, "face-math.group", group);
        Hocon.set(sets, "face-math.mask", mask);
        Hocon.set(sets, "face-math.seed", seed);
        Config c = config.load(sets);
        FaceMathSettings st = FaceMathSettings.from(c, images, zFile);
        for (String f : FaceMath.run(ApplySettings.from(c), model, out, st)) {
            System.out.println("wrote " + f);
        }
        return 0;
    }

    @Override
    public String subject() {
        return "face-math " + out;
    }
}
