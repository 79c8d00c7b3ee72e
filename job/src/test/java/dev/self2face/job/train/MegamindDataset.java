package dev.self2face.job.train;

import dev.self2face.testing.EtlRunner;
import dev.self2face.testing.Media;
import dev.self2face.testing.SparkTest;
import org.apache.spark.sql.SparkSession;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The real dataset the training tests learn from: the ETL's pairs of Megamind.avi, made once per test JVM. */
public final class MegamindDataset {
    private static File dir;

    private MegamindDataset() {
    }

    public static synchronized String path() throws Exception {
        if (dir == null) {
            File d = Files.createTempDirectory("megamind-pairs").toFile();
            SparkSession spark = SparkTest.session("local[2]");
            try {
                EtlRunner.run(spark, List.of(Media.megamind().getPath()), d.getPath());
            } finally {
                spark.stop();
            }
            dir = d;
        }
        return dir.getPath();
    }

    /** {@code train} of a small {@code kind} run on the Megamind pairs into {@code out}: the tests' command line. */
    public static String[] trainSmall(String kind, String out, int steps, int batch) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--model", kind, "--data", path(), "--out", out,
                "--steps", String.valueOf(steps), "--batch", String.valueOf(batch)));
        args.addAll(smallModel(kind));
        return args.toArray(String[]::new);
    }

    /** Arguments every test training run shares: local, small networks, quiet progress. */
    public static List<String> smallModel(String kind) {
        String section = "model." + kind + ".";
        return List.of("--local", "--size", "64", "--set", section + "ngf=16", "--set", section + "ndf=16",
                "--set", "training.eval-samples=64",
                "--set", "training.progress-seconds=20", "--set", "spark.master=local[2]",
                "--set", "spark.conf.\"spark.ui.enabled\"=false");
    }
}
