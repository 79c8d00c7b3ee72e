package dev.self2face.job.eval;

import dev.self2face.job.data.Batch;
import dev.self2face.job.data.Seeds;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model at one evaluation, with what its metrics share computed once: G's faces for the val pairs' inputs (G run
 * as in training, its randomness seeded from the run's seed) and G's samples from the run's fixed inputs
 * ({@code training.eval-samples} of them) with their random features.
 */
public final class Snapshot {
    private final GanModel model;
    private final ModelType type;
    private final EvalData data;
    private INDArray valGenerated;
    private INDArray samples;
    private INDArray oppositeSamples;
    private final Map<Long, INDArray> sampleFeatures = new HashMap<>();

    public Snapshot(GanModel model, EvalData data) {
        this(model, model.type(), data);
    }

    private Snapshot(GanModel model, ModelType type, EvalData data) {
        this.model = model;
        this.type = type;
        this.data = data;
    }

    /**
     * Faces made for the val pairs outside this JVM's models (a reference implementation's), in
     * {@link EvalData#valFaces()} order, as if a model of {@code type} had made them: the metrics that judge only G's
     * faces for the val pairs (the {@code val_*} and face metrics) measure them as they measure a run.
     */
    public static Snapshot ofValFaces(ModelType type, EvalData data, INDArray valGenerated) {
        Snapshot s = new Snapshot(null, type, data);
        s.valGenerated = valGenerated;
        return s;
    }

    /** The model, or null for {@link #ofValFaces}. */
    public GanModel model() {
        return model;
    }

    public ModelType type() {
        return type;
    }

    public EvalData data() {
        return data;
    }

    /** G's faces for the val pairs, in {@link EvalData#valFaces()} order. */
    public INDArray valGenerated() {
        if (valGenerated == null) {
            Nd4j.getRandom().setSeed(data.seed());
            List<INDArray> parts = new ArrayList<>();
            for (Batch b : data.val()) {
                parts.add(model.graphs().sample(model.sets().generatorInputs(b)));
            }
            valGenerated = Nd4j.concat(0, parts.toArray(INDArray[]::new));
        }
        return valGenerated;
    }

    /** G's samples from the run's fixed inputs, {@code training.eval-samples} of them, in chunks of 64. */
    public INDArray samples() {
        if (samples == null) {
            Nd4j.getRandom().setSeed(Seeds.sampling(data.seed()));
            samples = generate(model, model.fixedInputs(data.fixed(), data.evalSamples()));
        }
        return samples;
    }

    /** The attribute sets G's samples were asked for [n, k] (a conditional model's fixed inputs). */
    public INDArray askedLabels() {
        Nd4j.getRandom().setSeed(Seeds.sampling(data.seed()));
        return model.fixedInputs(data.fixed(), data.evalSamples())[1];
    }

    /** G's samples for the same noise with every attribute asked for flipped (a conditional model). */
    public INDArray oppositeSamples() {
        if (oppositeSamples == null) {
            Nd4j.getRandom().setSeed(Seeds.sampling(data.seed()));
            INDArray[] in = model.fixedInputs(data.fixed(), data.evalSamples());
            oppositeSamples = generate(model, new INDArray[] {in[0], in[1].rsub(1.0)});
        }
        return oppositeSamples;
    }

    /** G's images for inputs {@code in} (G's graph inputs, in order), in chunks of 64. */
    static INDArray generate(GanModel model, INDArray[] in) {
        List<INDArray> parts = new ArrayList<>();
        long n = in[0].size(0);
        for (long i = 0; i < n; i += 64) {
            INDArray[] chunk = new INDArray[in.length];
            for (int k = 0; k < in.length; k++) {
                chunk[k] = in[k].get(NDArrayIndex.interval(i, Math.min(n, i + 64)));
            }
            parts.add(model.graphs().sample(chunk));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    public INDArray sampleFeatures(long seed) {
        return sampleFeatures.computeIfAbsent(seed, s -> RandomFeatures.of(samples(), s));
    }
}
