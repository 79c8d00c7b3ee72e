package dev.self2face.job.eval;

import dev.self2face.job.data.Batch;
import dev.self2face.job.data.PairSample;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a run's metrics measure on, fixed for the whole run: evenly spaced val pairs (the ETL's time-held-out frames)
 * in batches, the first val pairs (the grids' inputs), how many samples the sample metrics draw, the run's seed, and
 * — computed on first use — the mean train face, a sample of train pairs (evenly spaced), the train face whose
 * condition is nearest to each val condition (the retrieval baseline) and real faces' random features.
 */
public final class EvalData {
    private final List<Batch> val;
    private final Batch fixed;
    private final int sampleCount;
    private final int evalSamples;
    private final long seed;
    private final Supplier<INDArray> meanTrainFace;
    private final Supplier<PairSample> trainSample;
    private final int size;
    private INDArray meanFace;
    private PairSample train;
    private Batch trainThumbs;
    private INDArray trainFaces;
    private INDArray valFaces;
    private INDArray valConditions;
    private INDArray retrieved;
    private final Map<String, INDArray> features = new HashMap<>();
    private final Supplier<FaceJudge> judgeSource;
    private FaceJudge judge;
    private INDArray valDescriptors;
    private INDArray meanTrainDescriptor;
    private AttributeJudge attributeJudge;
    private INDArray shuffledVal;

    /**
     * @param sampleCount images in a sample grid ({@code training.sample-count})
     * @param evalSamples samples the sample metrics draw ({@code training.eval-samples})
     * @param judge       face-api's networks ({@code training.face-api}), loaded when a metric first asks
     */
    public EvalData(List<Batch> val, Batch fixed, int sampleCount, int evalSamples, long seed,
                    Supplier<INDArray> meanTrainFace, Supplier<PairSample> trainSample, Supplier<FaceJudge> judge) {
        this.judgeSource = judge;
        this.val = val;
        this.fixed = fixed;
        this.sampleCount = sampleCount;
        this.evalSamples = evalSamples;
        this.seed = seed;
        this.meanTrainFace = meanTrainFace;
        this.trainSample = trainSample;
        this.size = (int) fixed.image().size(2);
    }

    /** The side searches compare images at: the model's, at most {@value #THUMB}. */
    public static final int THUMB = 64;

    public int searchSide() {
        return Math.min(size, THUMB);
    }

    public List<Batch> val() {
        return val;
    }

    public Batch fixed() {
        return fixed;
    }

    public int sampleCount() {
        return sampleCount;
    }

    public int evalSamples() {
        return evalSamples;
    }

    public long seed() {
        return seed;
    }

    public long valPairs() {
        return val.stream().mapToLong(Batch::size).sum();
    }

    public synchronized INDArray meanTrainFace() {
        if (meanFace == null) {
            meanFace = meanTrainFace.get();
        }
        return meanFace;
    }

    public synchronized PairSample trainSample() {
        if (train == null) {
            train = trainSample.get();
        }
        return train;
    }

    /** {@link #trainSample()} at {@link #searchSide()}. */
    public synchronized Batch trainThumbnails() {
        if (trainThumbs == null) {
            trainThumbs = trainSample().at(searchSide());
        }
        return trainThumbs;
    }

    /** The val faces [n, 3, s, s], in val batch order. */
    public synchronized INDArray valFaces() {
        if (valFaces == null) {
            valFaces = Nd4j.concat(0, val.stream().map(Batch::image).toArray(INDArray[]::new));
        }
        return valFaces;
    }

    public synchronized INDArray valConditions() {
        if (valConditions == null) {
            valConditions = Nd4j.concat(0, val.stream().map(Batch::condition).toArray(INDArray[]::new));
        }
        return valConditions;
    }

    /**
     * For each val pair, the face of the train pair (of {@link #trainSample()}) whose condition image is nearest in
     * pixel L2 (compared at {@link #searchSide()}): what looking up the closest training frame would answer.
     */
    public synchronized INDArray retrievalFaces() {
        if (retrieved == null) {
            long[] nearest = Nearest.indices(PairSample.shrink(valConditions(), searchSide()),
                    trainThumbnails().condition());
            retrieved = trainSample().pick(nearest, size).image();
        }
        return retrieved;
    }

    /**
     * At most {@link #evalSamples()} faces of {@link #trainSample()}, evenly spaced, at the model's size: the train
     * side of the feature baselines, decoded once (all 1,000 at 256 px would take gigabytes).
     */
    public synchronized INDArray trainFaces() {
        if (trainFaces == null) {
            int n = trainSample().size();
            int k = Math.min(n, evalSamples);
            long[] idx = new long[k];
            for (int i = 0; i < k; i++) {
                idx[i] = (long) i * n / k;
            }
            trainFaces = trainSample().pick(idx, size).image();
        }
        return trainFaces;
    }

    /** Random features ({@link RandomFeatures}) of real faces: "val" or "train", from the network of {@code seed}. */
    public synchronized INDArray realFeatures(String which, long seed) {
        return features.computeIfAbsent(which + seed, k -> RandomFeatures.of(
                which.equals("val") ? valFaces() : trainFaces(), seed));
    }

    /** face-api's networks, loaded on first use. */
    public synchronized FaceJudge judge() {
        if (judge == null) {
            judge = judgeSource.get();
        }
        return judge;
    }

    /** The descriptors of the first {@value FaceMetric#JUDGED} val faces, in val order. */
    public synchronized INDArray valDescriptors() {
        if (valDescriptors == null) {
            valDescriptors = judge().descriptors(FaceMetric.realVal(this));
        }
        return valDescriptors;
    }

    /** The first {@value FaceMetric#JUDGED} val faces cut into shuffled blocks ({@link FaceJudge#shuffledBlocks}). */
    public synchronized INDArray shuffledValFaces() {
        if (shuffledVal == null) {
            shuffledVal = FaceJudge.shuffledBlocks(FaceMetric.realVal(this), seed);
        }
        return shuffledVal;
    }

    /** The mean descriptor of {@link #trainFaces()}: the person, as face-api describes them. */
    public synchronized INDArray meanTrainDescriptor() {
        if (meanTrainDescriptor == null) {
            meanTrainDescriptor = judge().descriptors(trainFaces()).mean(0);
        }
        return meanTrainDescriptor;
    }

    /** An attribute classifier trained on {@link #trainSample()}'s labelled faces (conditional models). */
    public synchronized AttributeJudge attributeJudge() {
        if (attributeJudge == null) {
            attributeJudge = AttributeJudge.train(trainSample(), seed);
        }
        return attributeJudge;
    }
}
