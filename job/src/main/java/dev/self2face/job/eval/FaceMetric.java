package dev.self2face.job.eval;

import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.ModelType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Metrics judged by face-api's networks ({@link FaceJudge}), which the models do not contain, on the faces a model
 * makes: its samples from the run's fixed noise (models from noise) or its faces for the val pairs' conditions
 * (pix2pix), the first {@value #JUDGED} of them. Baselines: real val faces, the mean train face, the val faces cut
 * into shuffled blocks (local detail without a face: a detector alone may accept them, which is why both metrics are
 * kept), and the untrained model.
 */
abstract class FaceMetric implements Metric {
    /** Faces judged per evaluation (the detector takes ~0.1 s per face on 2 cores with oneDNN). */
    static final int JUDGED = 32;

    @Override
    public boolean appliesTo(ModelType type) {
        return true;
    }

    /** What the model made, as judged: the first {@value #JUDGED} samples, or G's faces for the val pairs. */
    static INDArray made(Snapshot s) {
        boolean fromCondition = s.type().inputs().contains(GanInput.CONDITION_IMAGE);
        return SampleMetric.first(fromCondition ? s.valGenerated() : s.samples(), JUDGED);
    }

    static INDArray realVal(EvalData d) {
        return SampleMetric.first(d.valFaces(), JUDGED);
    }

    static INDArray meanFace(EvalData d) {
        INDArray mean = d.meanTrainFace();
        return mean.reshape(1, mean.size(mean.rank() - 3), mean.size(mean.rank() - 2), mean.size(mean.rank() - 1));
    }

    /**
     * {@code face_rate}: the share of the model's faces in which face-api's detector finds a face (score ≥ 0.5).
     * Baselines {@code face_rate_real}, {@code face_rate_mean_face}, {@code face_rate_shuffled},
     * {@code face_rate_untrained}.
     */
    static final class FaceRate extends FaceMetric {
        @Override
        public String name() {
            return "face_rate";
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        public Figures baselines(Snapshot untrained) {
            EvalData d = untrained.data();
            FaceJudge j = d.judge();
            return Figures.none()
                    .put(name() + "_real", j.faceRate(realVal(d)))
                    .put(name() + "_mean_face", j.faceRate(meanFace(d)))
                    .put(name() + "_shuffled", j.faceRate(d.shuffledValFaces()))
                    .put(name() + "_untrained", j.faceRate(made(untrained)));
        }

        @Override
        public Figures measure(Snapshot s) {
            return Figures.none().put(name(), s.data().judge().faceRate(made(s)));
        }
    }

    /**
     * {@code identity_distance}: the mean face-api descriptor distance of the model's faces to the person — the mean
     * descriptor of the train faces for models from noise, each val pair's own real face for pix2pix (below 0.6
     * face-api calls two faces one person). Baselines: {@code _real} (val faces, models from noise) or
     * {@code _retrieval} (the nearest train frame by condition, pix2pix), {@code _mean_face}, {@code _shuffled},
     * {@code _untrained}.
     */
    static final class IdentityDistance extends FaceMetric {
        @Override
        public String name() {
            return "identity_distance";
        }

        @Override
        public boolean higherIsBetter() {
            return false;
        }

        private static boolean paired(Snapshot s) {
            return s.type().inputs().contains(GanInput.CONDITION_IMAGE);
        }

        /** The distance of {@code faces} (in val order when paired) to the person. */
        private static double distance(Snapshot s, INDArray faces) {
            EvalData d = s.data();
            INDArray descriptors = d.judge().descriptors(faces);
            if (paired(s)) {
                INDArray real = d.valDescriptors();
                if (faces.size(0) == 1) {
                    return FaceJudge.meanDistance(real, descriptors.getRow(0));
                }
                return FaceJudge.pairedDistance(descriptors, real.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, faces.size(0))));
            }
            return FaceJudge.meanDistance(descriptors, d.meanTrainDescriptor());
        }

        @Override
        public Figures baselines(Snapshot untrained) {
            EvalData d = untrained.data();
            Figures f = Figures.none();
            if (paired(untrained)) {
                f.put(name() + "_retrieval", distance(untrained, SampleMetric.first(d.retrievalFaces(), JUDGED)));
            } else {
                f.put(name() + "_real", distance(untrained, realVal(d)));
            }
            return f.put(name() + "_mean_face", distance(untrained, meanFace(d)))
                    .put(name() + "_shuffled", distance(untrained, d.shuffledValFaces()))
                    .put(name() + "_untrained", distance(untrained, made(untrained)));
        }

        @Override
        public Figures measure(Snapshot s) {
            return Figures.none().put(name(), distance(s, made(s)));
        }
    }
}
