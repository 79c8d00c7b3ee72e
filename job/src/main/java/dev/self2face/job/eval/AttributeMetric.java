package dev.self2face.job.eval;

import dev.self2face.job.data.Batch;
import dev.self2face.job.data.Seeds;
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
        return verdicts(model, images).eq(labels.castTo(DataType.FLOAT))
                .castTo(DataType.DOUBLE).meanNumber().doubleValue();
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

        private static INDArray valLabels(List<Batch> val) {
            return Nd4j.concat(0, val.stream().map(Batch::labels).toArray(INDArray[]::new));
        }
    }

    /**
     * {@code class_consistency}: G's samples from the run's fixed inputs (noise, and attribute sets of val faces),
     * classified, against the attributes asked for; {@code class_consistency_opposite}: the same noise with every
     * attribute flipped, classified, against the original attributes. A model that follows its labels scores high on
     * the first and low on the second; one that ignores them scores about the same on both.
     */
    static final class ClassConsistency extends AttributeMetric {
        @Override
        public String name() {
            return "class_consistency";
        }

        @Override
        public Figures measure(Snapshot s) {
            GanModel model = s.model();
            Nd4j.getRandom().setSeed(Seeds.sampling(s.data().seed()));
            INDArray[] in = model.fixedInputs(s.data().fixed(), s.data().evalSamples());
            INDArray asked = in[1];
            INDArray flipped = Snapshot.generate(model, new INDArray[] {in[0], asked.rsub(1.0)});
            return Figures.none()
                    .put(name(), agreement(model, s.samples(), asked))
                    .put(name() + "_opposite", agreement(model, flipped, asked));
        }
    }

    /**
     * {@code judged_consistency}: {@link ClassConsistency} judged by an {@link AttributeJudge} trained on the real
     * train faces instead of the model's own D; {@code judged_consistency_opposite} the same for the flipped sets.
     * Baselines: the judge's accuracy on the train faces it learned from ({@code judge_accuracy_train}) and on the val
     * faces ({@code judge_accuracy_val}), next to always answering the val faces' majority ({@code aux_accuracy_majority}).
     */
    static final class JudgedConsistency extends AttributeMetric {
        @Override
        public String name() {
            return "judged_consistency";
        }

        @Override
        public Figures baselines(Snapshot untrained) {
            EvalData d = untrained.data();
            Batch train = d.trainSample().at(AttributeJudge.SIDE);
            INDArray valFaces = d.valFaces();
            INDArray valLabels = Nd4j.concat(0, d.val().stream().map(Batch::labels).toArray(INDArray[]::new));
            return Figures.none()
                    .put("judge_accuracy_train", d.attributeJudge().agreement(train.image(), train.labels()))
                    .put("judge_accuracy_val", d.attributeJudge().agreement(valFaces, valLabels));
        }

        @Override
        public Figures measure(Snapshot s) {
            GanModel model = s.model();
            Nd4j.getRandom().setSeed(Seeds.sampling(s.data().seed()));
            INDArray[] in = model.fixedInputs(s.data().fixed(), s.data().evalSamples());
            INDArray asked = in[1];
            INDArray flipped = Snapshot.generate(model, new INDArray[] {in[0], asked.rsub(1.0)});
            AttributeJudge judge = s.data().attributeJudge();
            return Figures.none()
                    .put(name(), judge.agreement(s.samples(), asked))
                    .put(name() + "_opposite", judge.agreement(flipped, asked));
        }
    }
}
