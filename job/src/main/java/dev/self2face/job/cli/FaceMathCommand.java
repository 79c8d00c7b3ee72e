package dev.self2face.job.cli;

import dev.self2face.job.apply.FaceMath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code self2face face-math}: real faces in a DCGAN's z — projection, interpolation, completion. */
@Command(name = "face-math", mixinStandardHelpOptions = true,
        description = "Face math on a DCGAN run: val faces of its dataset projected into z (Adam on L1 + lambda * "
                + "D's realism loss, z clipped to [-3, 3]), interpolated between (linear and spherical) and completed "
                + "with their lower half hidden. Grids and numbers go into --out.")
public class FaceMathCommand implements Callable<Integer>, FailureReport.Subject {
    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A DCGAN run or model folder.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the grids go.")
    String out;

    @Option(names = "--op", paramLabel = "project|interpolate|complete",
            description = "Operations (repeatable; default: all).")
    List<String> ops;

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

    @Option(names = "--seed", paramLabel = "S", description = "The z vectors' start (default 42).")
    long seed = 42;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Set<String> chosen = new LinkedHashSet<>(ops == null ? List.of("project", "interpolate", "complete") : ops);
        FaceMath.Settings st = FaceMath.Settings.of(faces, iterations, lambda, lr, steps, seed, chosen);
        for (String f : FaceMath.run(config.load(List.of()), model, out, chosen, st)) {
            System.out.println("wrote " + f);
        }
        return 0;
    }

    @Override
    public String subject() {
        return "face-math " + out;
    }
}
