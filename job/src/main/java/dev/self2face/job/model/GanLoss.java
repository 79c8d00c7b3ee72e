package dev.self2face.job.model;

import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossHinge;
import org.nd4j.linalg.lossfunctions.impl.LossWasserstein;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code model.loss}: the adversarial loss, as D's output layer in D's graph and in the adversarial graph, and the
 * labels D's and G's updates are fitted with.
 * <ul>
 *   <li>{@code bce}: D's sigmoid and binary cross-entropy, real 1 and fake 0; G is fitted with "real" (1), the
 *   non-saturating −log D(G(z)) of Goodfellow et al.;</li>
 *   <li>{@code hinge}: D's raw score s; D minimises mean max(0, 1 − s(x)) + mean max(0, 1 + s(G(z))) (DL4J's hinge
 *   loss with labels +1 and −1) and G minimises −mean s(G(z)) (DL4J's Wasserstein loss, label −1): the hinge form of
 *   Lim and Ye, used by Miyato et al. with spectral normalisation.</li>
 * </ul>
 */
public enum GanLoss {
    BCE, HINGE;

    /** D's output layer in D's own graph. */
    CnnLossLayer discriminatorHead() {
        return head(this == BCE ? new LossBinaryXENT() : new LossHinge());
    }

    /** D's output layer in the adversarial graph: the loss G's update minimises. */
    CnnLossLayer generatorHead() {
        return head(this == BCE ? new LossBinaryXENT() : new LossWasserstein());
    }

    private CnnLossLayer head(ILossFunction loss) {
        return new CnnLossLayer.Builder(loss).activation(this == BCE ? Activation.SIGMOID : Activation.IDENTITY)
                .build();
    }

    /** The label D is fitted with on real images. */
    public double real() {
        return 1;
    }

    /** The label D is fitted with on generated images. */
    public double fake() {
        return this == BCE ? 0 : -1;
    }

    /** The label G's update is fitted with in the adversarial graph. */
    public double generator() {
        return this == BCE ? 1 : -1;
    }

    /** D's loss on its outputs {@code out} (probabilities for bce, scores for hinge) for real or generated images. */
    public double discriminatorLoss(INDArray out, boolean real) {
        if (this == BCE) {
            return Losses.bce(out, real ? 1 : 0);
        }
        INDArray s = out.castTo(DataType.DOUBLE);
        INDArray margin = real ? s.rsub(1.0) : s.add(1.0);
        return Transforms.relu(margin, false).meanNumber().doubleValue();
    }

    /** G's loss on D's outputs for G's images. */
    public double generatorLoss(INDArray out) {
        return this == BCE ? Losses.bce(out, 1) : -out.castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** D's outputs as probabilities that the input is real (the sigmoid of hinge scores): D_x and D_G_z. */
    public double meanProbability(INDArray out) {
        INDArray p = this == BCE ? out : Transforms.sigmoid(out.castTo(DataType.DOUBLE), true);
        return p.meanNumber().doubleValue();
    }

    /** The mean sign of D's logits (+1 "real", −1 "fake"): adaptive augmentation's overfitting heuristic r_t. */
    public double meanSign(INDArray out) {
        INDArray p = this == BCE ? out : Transforms.sigmoid(out.castTo(DataType.DOUBLE), true);
        return 2 * p.gt(0.5).castTo(DataType.DOUBLE).meanNumber().doubleValue() - 1;
    }
}
