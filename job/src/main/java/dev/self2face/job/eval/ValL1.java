package dev.self2face.job.eval;

import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelType;

/**
 * {@code val_l1}: mean absolute difference (images in [-1, 1]) between G's face for a val pair's condition and the
 * real face. Baselines: the untrained generator ({@code val_l1_untrained}) and the mean train face for every pair
 * ({@code val_l1_mean_face}).
 */
final class ValL1 implements Metric {
    @Override
    public String name() {
        return "val_l1";
    }

    @Override
    public boolean appliesTo(ModelType type) {
        return type.inputs().contains(GanInput.CONDITION_IMAGE);
    }

    @Override
    public Figures baselines(GanModel untrained, EvalData d) {
        return Figures.none()
                .put("val_l1_untrained", Evaluation.valL1(untrained, d.val(), d.seed()))
                .put("val_l1_mean_face", Evaluation.meanFaceL1(d.meanTrainFace().get(), d.val()));
    }

    @Override
    public Figures measure(GanModel model, EvalData d) {
        return Figures.none().put(name(), Evaluation.valL1(model, d.val(), d.seed()));
    }
}
