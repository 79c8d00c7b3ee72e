package dev.self2face.job.cli;

import dev.self2face.job.bench.QualityBenchmark;
import dev.self2face.job.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code self2face bench quality}: a PyTorch reference (DCGAN or pix2pix) on a dataset, judged as runs are. */
@Command(name = "quality", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Trains a PyTorch reference (python3-torch) with the config's widths, --steps and --batch on the "
                + "dataset and judges it as self2face judges its runs, next to baselines and the evaluation.json of "
                + "each --run. dcgan: the PyTorch DCGAN example's recipe on the train faces, 32 samples judged by "
                + "face-api's detector and recognition net (face_rate, identity_distance), real val faces beside. "
                + "pix2pix: the paper's recipe on the train pairs, its faces for the val conditions (val L1, SSIM, "
                + "PSNR, face_rate, identity_distance), the retrieval baseline and the mean face beside. Prints a "
                + "Markdown table for docs/QUALITY.md.")
public class BenchQualityCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "training.data: the dataset.")
    String data;

    @Option(names = "--model", defaultValue = "dcgan", description = "dcgan or pix2pix.")
    String model;

    @Option(names = "--steps", defaultValue = "400")
    int steps;

    @Option(names = "--batch", defaultValue = "16")
    int batch;

    @Option(names = "--run", description = "A self2face run to list with its own figures (repeatable).")
    List<String> runs = new ArrayList<>();

    @Option(names = "--threads", defaultValue = "2")
    int threads;

    @Option(names = "--small-data", description = "dcgan: train the recipe with DiffAugment (colour, translation, "
            + "cutout), horizontal flips and samples from G's moving average (2,000-image half-life), as the papers "
            + "write them.")
    boolean smallData;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        TrainingRun.Settings s = TrainingRun.Settings.from(config.load(List.of("model.kind=" + Hocon.value(model),
                "training.data=" + Hocon.value(data), "training.out=-", "training.steps=" + steps,
                "training.batch=" + batch)));
        QualityBenchmark.run(s, runs, threads, smallData, System.out);
        return 0;
    }
}
