package dev.self2face.job.train;

import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.SmallData;

/**
 * Adaptive augmentation strength (Karras et al. 2020, "Training Generative Adversarial Networks with Limited Data"):
 * on every logged step the probability p of each augmentation policy moves by sign(r_t − target) · (images since the
 * previous adjustment) / {@code training.ada-images}, clamped to [0, 1], where r_t is the mean sign of D's logits on
 * real images ({@code D_x_sign}): D calling every real image real (r_t → 1) means it is overfitting, and stronger
 * augmentation follows. p starts at 0, is kept in the run's state (so a resumed run goes on from it) and logged as
 * {@code augment_p}. Off unless {@code training.ada-target} &gt; 0 with {@code training.augment} set.
 */
final class AdaptiveAugment {
    private AdaptiveAugment() {
    }

    /** Applies the state's p to the model's augmentation (at the start of a run or a resume). */
    static void apply(GanModel model, TrainState state) {
        if (model.settings().smallData().adaptive()) {
            model.graphs().setAugmentProbability(state.augmentP);
        }
    }

    /**
     * After logged step {@code step} with figures {@code losses}: adjusts p from r_t, given that
     * {@code imagesPerStep} images went through D per step; adds {@code augment_p} to the figures.
     */
    static void adjust(GanModel model, TrainState state, long step, Figures losses, long imagesPerStep) {
        SmallData d = model.settings().smallData();
        double rt = losses.get("D_x_sign");
        if (Double.isNaN(rt)) {
            rt = losses.get(SparkTrainer.AFTER_ROUND + "D_x_sign");
        }
        if (!d.adaptive() || Double.isNaN(rt)) {
            return;
        }
        long images = (step - state.augmentAdjustedAt) * imagesPerStep;
        state.augmentP = Math.max(0, Math.min(1, state.augmentP + Math.signum(rt - d.adaTarget()) * images
                / d.adaImages()));
        state.augmentAdjustedAt = step;
        model.graphs().setAugmentProbability(state.augmentP);
        losses.put("augment_p", state.augmentP);
    }
}
