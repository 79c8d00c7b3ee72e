package dev.self2face.job.eval;

import dev.self2face.job.data.Batch;
import dev.self2face.job.model.GanModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/** Quality numbers a run reports: pix2pix's val L1 and its baselines, and DCGAN's sample diversity. */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * Mean absolute difference (images in [-1, 1]) between G(condition) and the real face over the val batches,
     * with G run as in training (the paper's test-time setting); {@code seed} fixes its dropout.
     */
    public static double valL1(GanModel model, List<Batch> val, long seed) {
        Nd4j.getRandom().setSeed(seed);
        double sum = 0;
        long n = 0;
        for (Batch b : val) {
            INDArray fake = model.graphs().generate(b.condition());
            sum += Transforms.abs(fake.sub(b.image()), false).sumNumber().doubleValue();
            n += b.image().length();
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The L1 of always predicting {@code meanFace} (the mean train face) for every val face. */
    public static double meanFaceL1(INDArray meanFace, List<Batch> val) {
        double sum = 0;
        long n = 0;
        for (Batch b : val) {
            sum += Transforms.abs(b.image().sub(meanFace.broadcast(b.image().shape())), false).sumNumber()
                    .doubleValue();
            n += b.image().length();
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Mean absolute pixel difference over all pairs of images [n, c, h, w]: 0 when all are the same. */
    public static double meanPairwiseL1(INDArray images) {
        int n = (int) images.size(0);
        INDArray flat = images.reshape(n, -1);
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += Transforms.abs(flat.getRow(i).sub(flat.getRow(j)), false).meanNumber().doubleValue();
                pairs++;
            }
        }
        return pairs == 0 ? 0 : sum / pairs;
    }
}
