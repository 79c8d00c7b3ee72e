package dev.self2face.job.eval;

import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.ModelType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A full-reference metric of G's faces for the val pairs' conditions against the real faces, averaged over the val
 * pairs, with three baselines a model must beat: the untrained generator ({@code NAME_untrained}), the mean train
 * face for every pair ({@code NAME_mean_face}) and the train face whose condition is nearest to the val pair's
 * ({@code NAME_retrieval}: a model that does not beat looking up the closest training frame has learned nothing
 * useful).
 */
abstract class ValImageMetric implements Metric {
    /** The figure for one generated face [3, s, s] against its real face. */
    abstract double score(INDArray generated, INDArray real);

    @Override
    public boolean appliesTo(ModelType type) {
        return type.inputs().contains(GanInput.CONDITION_IMAGE);
    }

    @Override
    public Figures baselines(Snapshot untrained) {
        EvalData d = untrained.data();
        INDArray mean = d.meanTrainFace().reshape(d.meanTrainFace().shape()).broadcast(d.valFaces().shape());
        return Figures.none()
                .put(name() + "_untrained", mean(untrained.valGenerated(), d.valFaces()))
                .put(name() + "_mean_face", mean(mean, d.valFaces()))
                .put(name() + "_retrieval", mean(d.retrievalFaces(), d.valFaces()));
    }

    @Override
    public Figures measure(Snapshot s) {
        return Figures.none().put(name(), mean(s.valGenerated(), s.data().valFaces()));
    }

    double mean(INDArray generated, INDArray real) {
        long n = real.size(0);
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (long i = 0; i < n; i++) {
            sum += score(generated.slice(i), real.slice(i));
        }
        return sum / n;
    }

    /** {@code val_l1}: mean absolute difference, images in [-1, 1]. */
    static final class L1 extends ValImageMetric {
        @Override
        public String name() {
            return "val_l1";
        }

        @Override
        public boolean higherIsBetter() {
            return false;
        }

        @Override
        double score(INDArray generated, INDArray real) {
            return Transforms.abs(generated.sub(real), false).meanNumber()
                    .doubleValue();
        }
    }

    /** {@code val_psnr}: {@link ImageQuality#psnr}, in dB. */
    static final class Psnr extends ValImageMetric {
        @Override
        public String name() {
            return "val_psnr";
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        double score(INDArray generated, INDArray real) {
            return ImageQuality.psnr(generated, real);
        }
    }

    /** {@code val_ssim}: {@link ImageQuality#ssim}. */
    static final class Ssim extends ValImageMetric {
        @Override
        public String name() {
            return "val_ssim";
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        double score(INDArray generated, INDArray real) {
            return ImageQuality.ssim(generated, real);
        }
    }

    /** {@code val_ms_ssim}: {@link ImageQuality#msSsim}. */
    static final class MsSsim extends ValImageMetric {
        @Override
        public String name() {
            return "val_ms_ssim";
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        double score(INDArray generated, INDArray real) {
            return ImageQuality.msSsim(generated, real);
        }
    }
}
