package dev.self2face.job.eval;

import dev.self2face.job.data.Batch;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Metrics of a conditional model's attributes, for models whose generator takes attribute labels: judged by its own
 * D's auxiliary classifier (a probability above 0.5 is "has the attribute"), and by an {@link AttributeJudge} trained
 * apart from the model on the real train faces.
 */
abstract class AttributeMetric implements Metric {
    @Override
    public boolean appliesTo(ModelType type) {
        return type.inputs().contains(GanInput.LABELS);
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    /** The share of (face, attribute) where the classifier's verdict on {@code images} equals {@code labels}. */
    static double agreement(GanModel model, INDArray images, INDArray labels) {
        return agreement(verdicts(model, images), labels);
    }

    /** The share of (face, attribute) where {@code verdicts} (0 or 1) equal {@code labels}. */
    static double agreement(INDArray verdicts, INDArray labels) {
        return verdicts.eq(labels.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** The val faces' labels [n, k], in val batch order. */
    static INDArray valLabels(List<Batch> val) {
        return Nd4j.concat(0, val.stream().map(Batch::labels).toArray(INDArray[]::new));
    }

    /** The classifier's verdicts (0 or 1) [n, k] on images, in chunks of 64. */
    static INDArray verdicts(GanModel model, INDArray images) {
        List<INDArray> parts = new ArrayList<>();
        long n = images.size(0);
        for (long i = 0; i < n; i += 64) {
            parts.add(model.graphs().classify(images.get(NDArrayIndex.interval(i, Math.min(n, i + 64)))));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new)).gt(0.5).castTo(DataType.FLOAT);
    }

    /**
     * {@code aux_accuracy}: the classifier on the val split's real faces against their labels (mean over faces and
     * attributes). Baseline {@code aux_accuracy_majority}: always answering each attribute's more frequent val label.
     */
    static final class AuxAccuracy extends AttributeMetric {
        @Override
        public String name() {
            return "aux_accuracy";
        }

        @Override
        public Figures baselines(Snapshot untrained) {
            INDArray labels = valLabels(untrained.data().val());
            INDArray share = labels.castTo(DataType.DOUBLE).mean(0);
            double majority = 0;
            for (long j = 0; j < share.length(); j++) {
                majority += Math.max(share.getDouble(j), 1 - share.getDouble(j));
            }
            return Figures.none().put(name() + "_majority", majority / share.length());
        }

        @Override
        public Figures measure(Snapshot s) {
            double sum = 0;
            long n = 0;
            for (Batch b : s.data().val()) {
                sum += agreement(s.model(), b.image(), b.labels()) * b.size();
                n += b.size();
            }
            return Figures.none().put(name(), n == 0 ? Double.NaN : sum / n);
        }
    }

    /**
     * G's samples from the run's fixed inputs (noise, and attribute sets of val faces), classified by a judge,
     * against the attributes asked for ({@code NAME}); the same noise with every attribute flipped, classified,
     * against the original attributes ({@code NAME_opposite}). A model that follows its labels scores high on the
     * first and low on the second; one that ignores them scores about the same on both.
     */
    abstract static class Consistency extends AttributeMetric {
        /** The judge's verdicts (0 or 1) [n, k] on images. */
        abstract INDArray verdicts(Snapshot s, INDArray images);

        @Override
        public Figures measure(Snapshot s) {
            INDArray asked = s.askedLabels();
            return Figures.none()
                    .put(name(), agreement(verdicts(s, s.samples()), asked))
                    .put(name() + "_opposite", agreement(verdicts(s, s.oppositeSamples()), asked));
        }
    }

    /** {@code class_consistency}: {@link Consistency} judged by the model's own D's classifier. */
    static final class ClassConsistency extends Consistency {
        @Override
        public String name() {
            return "class_consistency";
        }

        @Override
        INDArray verdicts(Snapshot s, INDArray images) {
            return AttributeMetric.verdicts(s.model(), images);
        }
    }

    /**
     * {@code judged_consistency}: {@link Consistency} judged by an {@link AttributeJudge} trained on the real train
     * faces instead of the model's own D. Baselines: the judge's accuracy on the train faces it learned from
     * ({@code judge_accuracy_train}) and on the val faces ({@code judge_accuracy_val}), next to always answering the
     * val faces' majority ({@code aux_accuracy_majority}).
     */
    static final class JudgedConsistency extends Consistency {
        @Override
        public String name() {
            return "judged_consistency";
        }

        @Override
        public Figures baselines(Snapshot untrained) {
            EvalData d = untrained.data();
            Batch train = d.trainSample().at(AttributeJudge.SIDE);
            AttributeJudge judge = d.attributeJudge();
            return Figures.none()
                    .put("judge_accuracy_train", agreement(judge.verdicts(train.image()), train.labels()))
                    .put("judge_accuracy_val", agreement(judge.verdicts(d.valFaces()), valLabels(d.val())));
        }

        @Override
        INDArray verdicts(Snapshot s, INDArray images) {
            return s.data().attributeJudge().verdicts(images);
        }
    }
}
