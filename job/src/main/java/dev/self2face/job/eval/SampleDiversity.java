package dev.self2face.job.eval;

import dev.self2face.job.data.Seeds;
import dev.self2face.job.model.Figures;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code sample_pairwise_l1}: the mean absolute pixel difference over all pairs of G's faces from the run's fixed
 * noise ({@code training.sample-count} of them). A generator that collapsed to one face scores near 0.
 */
final class SampleDiversity implements Metric {
    @Override
    public String name() {
        return "sample_pairwise_l1";
    }

    @Override
    public boolean appliesTo(ModelType type) {
        return type.inputs().contains(GanInput.NOISE);
    }

    @Override
    public Figures measure(GanModel model, EvalData d) {
        Nd4j.getRandom().setSeed(Seeds.sampling(d.seed()));
        return Figures.none().put(name(), Evaluation.meanPairwiseL1(
                model.graphs().generate(model.fixedInputs(d.fixed(), d.sampleCount()))));
    }
}
