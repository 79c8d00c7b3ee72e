package dev.self2face.job.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One worker averaging after every minibatch against local training with the same seed and data order (DCGAN, no
 * randomness inside its fits): after one round the parameters are identical; after more rounds they drift apart
 * by a bounded amount. With Adam made memoryless (beta1 = beta2 = 0) they stay identical over rounds: the drift
 * comes from Adam's moments carried from round to round (docs/DISTRIBUTED.md).
 */
class SparkEquivalenceTest {
    @TempDir
    Path tmp;

    static List<String> common(Path out) throws Exception {
        return List.of("train", "--model", "dcgan", "--data", MegamindDataset.path(), "--out", out.toString(),
                "--size", "64", "--set", "model.dcgan.ngf=8", "--set", "model.dcgan.ndf=8",
                "--set", "training.log-every=1000", "--set", "training.sample-every=1000",
                "--set", "training.checkpoint-every=0", "--set", "spark.conf.\"spark.ui.enabled\"=false");
    }

    /** Max |difference| of generator and discriminator parameters after n local steps and n rounds on Spark. */
    double[] difference(int n, String... extra) throws Exception {
        Path local = tmp.resolve("local" + n + extra.length);
        Runs.Result a = Runs.cli(Runs.concat(Runs.concat(common(local), extra), "--local", "--steps",
                String.valueOf(n), "--batch", "8"));
        assertEquals(0, a.exitCode(), a.err());
        Path spark = tmp.resolve("spark" + n + extra.length);
        Runs.Result b = Runs.cli(Runs.concat(Runs.concat(common(spark), extra), "--rounds", String.valueOf(n),
                "--workers", "1", "--set", "training.batch-per-worker=8", "--set", "training.averaging-frequency=1",
                "--set", "spark.master=local[1]"));
        assertEquals(0, b.exitCode(), b.err());
        double[] out = new double[2];
        int i = 0;
        for (String zip : List.of("generator.zip", "discriminator.zip")) {
            out[i++] = params(local.resolve(zip)).sub(params(spark.resolve(zip))).amaxNumber().doubleValue();
        }
        System.err.printf("EQUIVALENCE after %d: G %.3g, D %.3g%n", n, out[0], out[1]);
        return out;
    }

    @Test
    void oneWorkerMatchesLocalTraining() throws Exception {
        double[] one = difference(1);
        assertTrue(one[0] < 1e-6 && one[1] < 1e-6, "identical after one round: " + one[0] + ", " + one[1]);
        double[] four = difference(4);
        // one Adam step moves a parameter by at most ~lr (2e-4): the drift stays within a few dozen steps' worth
        assertTrue(four[0] < 1e-2 && four[1] < 1e-2, "bounded after four rounds: " + four[0] + ", " + four[1]);
        double[] memoryless = difference(3, "--set", "training.beta1=0", "--set", "training.beta2=0");
        assertTrue(memoryless[0] < 1e-6 && memoryless[1] < 1e-6,
                "identical over rounds when Adam keeps no moments: " + memoryless[0] + ", " + memoryless[1]);
    }

    static INDArray params(Path zip) throws Exception {
        ComputationGraph g = ModelSerializer.restoreComputationGraph(zip.toFile(), false);
        return g.params();
    }
}
