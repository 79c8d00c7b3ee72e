package dev.self2face.job.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * self2face's training step next to the PyTorch reference measured in the same run, their steps timed in alternating
 * blocks: the ratio of the two medians, and the lowest and highest ratio of a block's.
 */
record Comparison(TrainBenchmark.Result self2face, TorchReference.Result torch, int threads, double self2faceRssMb,
                  double[] blockRatios) {

    double ratio() {
        return self2face.imagesPerSecond() / torch.imagesPerSecond();
    }

    static String table(List<Comparison> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| model | size | batch | ngf/ndf | threads | self2face images/s | PyTorch images/s "
                + "| self2face / PyTorch | by block (min–max) | peak RSS self2face / PyTorch (MB) "
                + "| parameters per layer |\n");
        b.append("|---|---:|---:|---|---:|---:|---:|---:|---|---|---|\n");
        for (Comparison c : rows) {
            TrainBenchmark.Result r = c.self2face();
            b.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %d/%d | %d | %.2f | %.2f | %.2fx | %.2f–%.2fx (%d) | %.0f / %.0f | %s |%n",
                    r.model(), r.size(), r.batch(), r.ngf(), r.ndf(), c.threads(), r.imagesPerSecond(),
                    c.torch().imagesPerSecond(), c.ratio(), Arrays.stream(c.blockRatios()).min().orElse(0),
                    Arrays.stream(c.blockRatios()).max().orElse(0), c.blockRatios().length, c.self2faceRssMb(),
                    c.torch().peakRssMb(),
                    c.torch().parameterDifferences().isEmpty() ? "equal (" + r.parameters().size() + " layers)"
                            : "DIFFER: " + String.join("; ", c.torch().parameterDifferences())));
        }
        b.append("PyTorch ").append(rows.get(rows.size() - 1).torch().torchVersion())
                .append("; peak RSS (VmHWM): self2face's JVM so far, PyTorch's process\n");
        return b.toString();
    }
}
