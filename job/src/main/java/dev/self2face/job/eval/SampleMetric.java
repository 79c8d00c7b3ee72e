package dev.self2face.job.eval;

import dev.self2face.job.data.PairSample;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.ModelType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

/**
 * Metrics of a generator's samples from noise (G's faces from the run's fixed noise, {@code training.eval-samples}
 * of them), each next to the same figure on real faces, measured once as a baseline.
 */
abstract class SampleMetric implements Metric {
    /** Pairwise diversity figures use the first this many samples (and val faces): n(n − 1)/2 pairs. */
    static final int PAIRWISE = 32;

    @Override
    public boolean appliesTo(ModelType type) {
        return type.inputs().contains(GanInput.NOISE);
    }

    static INDArray first(INDArray images, int n) {
        return images.get(NDArrayIndex.interval(0, Math.min(n, images.size(0))));
    }

    /** The mean of {@code f} over all pairs of the first {@link #PAIRWISE} images. */
    static double pairwise(INDArray images, BiFunction<INDArray, INDArray, Double> f) {
        INDArray x = first(images, PAIRWISE);
        long n = x.size(0);
        double sum = 0;
        long pairs = 0;
        for (long i = 0; i < n; i++) {
            for (long j = i + 1; j < n; j++) {
                sum += f.apply(x.slice(i), x.slice(j));
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /**
     * {@code sample_pairwise_l1}: mean absolute pixel difference over pairs of samples; 0 would mean one face
     * repeated. Baseline {@code sample_pairwise_l1_real}: the same over val faces.
     */
    static final class PairwiseL1 extends SampleMetric {
        @Override
        public String name() {
            return "sample_pairwise_l1";
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        static double of(INDArray images) {
            return pairwise(images, (a, b) -> Transforms.abs(a.sub(b), false).meanNumber().doubleValue());
        }

        @Override
        public Figures baselines(Snapshot untrained) {
            return Figures.none().put(name() + "_real", of(untrained.data().valFaces()));
        }

        @Override
        public Figures measure(Snapshot s) {
            return Figures.none().put(name(), of(s.samples()));
        }
    }

    /**
     * {@code sample_ms_ssim}: mean MS-SSIM over pairs of samples — lower is more diverse; a collapsed generator
     * scores far above real faces. Baseline {@code sample_ms_ssim_real}: the same over val faces.
     */
    static final class MsSsimDiversity extends SampleMetric {
        @Override
        public String name() {
            return "sample_ms_ssim";
        }

        @Override
        public boolean higherIsBetter() {
            return false;
        }

        static double of(INDArray images) {
            return pairwise(images, ImageQuality::msSsim);
        }

        @Override
        public Figures baselines(Snapshot untrained) {
            return Figures.none().put(name() + "_real", of(untrained.data().valFaces()));
        }

        @Override
        public Figures measure(Snapshot s) {
            return Figures.none().put(name(), of(s.samples()));
        }
    }

    /**
     * A distance between the random features ({@link RandomFeatures}) of val faces and of samples: mean and standard
     * deviation over the feature networks. Baselines {@code NAME_train}: the same distance between val faces and
     * train faces — about where a perfect generator of this person's frames would land; {@code NAME_untrained}: the
     * untrained generator's samples — where a model that learned nothing stays.
     */
    abstract static class FeatureMetric extends SampleMetric {
        abstract double distance(INDArray real, INDArray generated);

        @Override
        public boolean higherIsBetter() {
            return false;
        }

        private Figures over(EvalData d, LongFunction<INDArray> other, String name) {
            double[] v = new double[RandomFeatures.SEEDS.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = distance(d.realFeatures("val", RandomFeatures.SEEDS[i]), other.apply(RandomFeatures.SEEDS[i]));
            }
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1);
            return Figures.none().put(name, mean).put(name + "_std", Math.sqrt(var));
        }

        @Override
        public Figures baselines(Snapshot untrained) {
            EvalData d = untrained.data();
            return over(d, seed -> d.realFeatures("train", seed), name() + "_train")
                    .putAll(over(d, untrained::sampleFeatures, name() + "_untrained"));
        }

        @Override
        public Figures measure(Snapshot s) {
            return over(s.data(), s::sampleFeatures, name());
        }
    }

    /** {@code sample_fd}: Fréchet distance ({@link FeatureDistance#frechet}). */
    static final class Frechet extends FeatureMetric {
        @Override
        public String name() {
            return "sample_fd";
        }

        @Override
        double distance(INDArray real, INDArray generated) {
            return FeatureDistance.frechet(real, generated);
        }
    }

    /** {@code sample_kid}: kernel inception distance's MMD estimate ({@link FeatureDistance#kid}). */
    static final class Kid extends FeatureMetric {
        @Override
        public String name() {
            return "sample_kid";
        }

        @Override
        double distance(INDArray real, INDArray generated) {
            return FeatureDistance.kid(real, generated);
        }
    }

    /**
     * {@code sample_nn_train}: mean over samples of the RMS pixel difference to the nearest train face (compared at
     * {@link EvalData#searchSide()}): near 0 means G reproduces training frames (memorisation). Baseline
     * {@code sample_nn_train_val}: the same for val faces, frames the model never saw.
     */
    static final class NearestTrain extends SampleMetric {
        @Override
        public String name() {
            return "sample_nn_train";
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        static double of(INDArray images, EvalData d) {
            return Nearest.rmsDistances(PairSample.shrink(images, d.searchSide()), d.trainThumbnails().image())
                    .meanNumber().doubleValue();
        }

        @Override
        public Figures baselines(Snapshot untrained) {
            return Figures.none().put(name() + "_val", of(untrained.data().valFaces(), untrained.data()));
        }

        @Override
        public Figures measure(Snapshot s) {
            return Figures.none().put(name(), of(s.samples(), s.data()));
        }
    }
}
