package dev.self2face.job.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.self2face.job.data.Batch;
import dev.self2face.job.eval.Metric;
import dev.self2face.job.model.GanGraphs;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.ModelSettings;
import dev.self2face.job.model.Figures;
import dev.self2face.job.run.RunInfo;
import dev.self2face.job.run.RunStore;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains on Spark executors with dl4j-spark's parameter averaging. A round: every worker makes G's fakes for its
 * averaging-frequency minibatches and fits D on them (real, then fake); D's parameters and Adam state are averaged;
 * then every worker fits G through the frozen D on the same minibatches; G's are averaged. Two
 * {@link SparkComputationGraph}s (D, and the adversarial graph) with a training master each; parameters are copied
 * between the three graphs on the driver by layer name, as in local training ({@link GanGraphs}).
 */
public final class SparkTrainer {
    /** The prefix of the figures measured after a round on the fixed val batch (e.g. after_round_loss_D_real). */
    public static final String AFTER_ROUND = "after_round_";
    private final ModelSettings m;
    private final TrainSettings t;
    private final DistributedSettings d;
    private final List<Metric> metrics;
    private final RunStore run;
    private final Map<String, Object> configRecord;

    public SparkTrainer(ModelSettings m, TrainSettings t, DistributedSettings d, List<Metric> metrics, RunStore run,
                        Map<String, Object> configRecord) {
        this.m = m;
        this.t = t;
        this.d = d;
        this.metrics = metrics;
        this.run = run;
        this.configRecord = configRecord;
    }

    public void run(JavaSparkContext jsc, DistributedPairs pairs, RunInfo info) throws IOException {
        RoundSets.useSystemClock();
        int workers = d.workers() > 0 ? d.workers() : jsc.defaultParallelism();
        int k = d.averagingFrequency();
        int b = d.batchPerWorker();
        TrainingStart start = TrainingStart.open(run, m, t, metrics, info, pairs.driverSide(), d.rounds());
        GanModel model = start.model();
        TrainState state = start.state();
        Batch fixed = start.fixed();
        GanGraphs g = model.graphs();
        boolean separate = g.separateRealAndFake();
        // D's sets per worker and round: per minibatch, d-steps updates of one or two sets (real, fake)
        int dSetsPerWorker = (separate ? 2 : 1) * model.sets().discriminatorSteps() * k;
        SparkComputationGraph sparkD = new SparkComputationGraph(jsc, g.discriminator(),
                master(workers, separate ? b : 2 * b, dSetsPerWorker));
        SparkComputationGraph sparkG = new SparkComputationGraph(jsc, g.adversarial(), master(workers, b, k));
        TrainProgress.info(String.format("training on Spark: %d workers x %d minibatches of %d per round, %d rounds",
                workers, k, b, d.rounds()));
        TrainProgress progress = new TrainProgress("train " + m.kind() + " (rounds)", state.step, d.rounds(),
                workers * k * b, t.progressSeconds());
        StepEnd end = new StepEnd(t, run, start, progress, "round", d.rounds(), (long) workers * k * b);
        long started = System.nanoTime();
        Map<String, Long> dWorkerMs = new HashMap<>();
        Map<String, Long> gWorkerMs = new HashMap<>();
        for (long round = state.step + 1; round <= d.rounds(); round++) {
            long firstPosition = (round - 1) * workers * k * b;
            JavaPairRDD<Integer, SlotRow> rows = roundRows(jsc, pairs, firstPosition, workers, k * b);
            long firstStep = (round - 1) * workers * k + 1;
            Broadcast<String> gConf = jsc.broadcast(g.generator().getConfiguration().toJson());
            Broadcast<INDArray> gParams = jsc.broadcast(g.generator().params().dup());

            long t0 = System.nanoTime();
            JavaRDD<MultiDataSet> dSets = rows.mapPartitions(new RoundSets(model.sets(), RoundSets.Phase.DISCRIMINATOR, b,
                    t.seed(), firstStep, k, separate, gConf, gParams));
            RoundStats dStats = fit(sparkD, dSets, g.discriminator(), dWorkerMs, dSetsPerWorker);
            g.afterDiscriminatorUpdate();
            JavaRDD<MultiDataSet> gSets = rows.mapPartitions(new RoundSets(model.sets(), RoundSets.Phase.GENERATOR, b,
                    t.seed(), firstStep, k, separate, gConf, gParams));
            RoundStats gStats = fit(sparkG, gSets, g.adversarial(), gWorkerMs, k);
            g.afterGeneratorUpdate();
            g.afterGeneratorImages((long) workers * k * b, round * workers * k * b);
            double roundSeconds = (System.nanoTime() - t0) / 1e9;
            gConf.destroy();
            gParams.destroy();

            // the workers' losses stay in the executors: the round's figures are measured afterwards, on the driver,
            // on the fixed val batch — named apart from a local step's, which are measured during the step
            Figures losses = end.logs(round) ? model.measure(fixed).prefixed(AFTER_ROUND) : Figures.none();
            long at = round;
            end.after(round, losses, () -> line(at, pairs.epochOf(firstPosition), workers, dStats, gStats,
                    roundSeconds, progress.imagesPerSecond(at), (System.nanoTime() - started) / 1e9));
        }
        new Finisher(t, run, configRecord).finish(start, info, "rounds", d.rounds());
    }

    private ParameterAveragingTrainingMaster master(int workers, int examplesPerSet, int setsPerWorker) {
        return new ParameterAveragingTrainingMaster.Builder(workers, examplesPerSet)
                .batchSizePerWorker(examplesPerSet)
                .averagingFrequency(setsPerWorker)
                .workerPrefetchNumBatches(d.prefetchBatches())
                .saveUpdater(true)
                .repartionData(Repartition.Never)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(t.seed())
                .collectTrainingStats(true)
                .build();
    }

    /** The round's rows, keyed by worker: worker w gets sample slots [w·perWorker, (w+1)·perWorker). */
    private static JavaPairRDD<Integer, SlotRow> roundRows(JavaSparkContext jsc, DistributedPairs pairs, long first,
                                                          int workers, int perWorker) {
        long[] idx = pairs.positions(first, workers * perWorker);
        Map<Long, List<int[]>> assign = new HashMap<>();
        for (int q = 0; q < idx.length; q++) {
            assign.computeIfAbsent(idx[q], x -> new ArrayList<>()).add(new int[] {q / perWorker, q % perWorker});
        }
        Broadcast<Map<Long, List<int[]>>> a = jsc.broadcast(assign);
        return pairs.train().flatMapToPair(row -> {
            List<Tuple2<Integer, SlotRow>> out = new ArrayList<>();
            List<int[]> slots = a.value().get(row._1());
            if (slots != null) {
                for (int[] s : slots) {
                    out.add(new Tuple2<>(s[0], new SlotRow(s[0], s[1], row._2())));
                }
            }
            return out.iterator();
        }).partitionBy(new HashPartitioner(workers));
    }

    /**
     * One dl4j-spark fit, its averaged parameters and Adam state into {@code local}, and the iteration count advanced
     * by the updates each worker made: dl4j-spark M2 does not advance it on the driver, so without this every round
     * would start Adam's bias correction afresh (measured: parameters equal to local training after one round,
     * 1e-3 apart after six).
     */
    private static RoundStats fit(SparkComputationGraph spark, JavaRDD<MultiDataSet> sets, ComputationGraph local,
                                  Map<String, Long> workerMs, int updatesPerWorker) {
        int iterations = local.getIterationCount();
        spark.fitMultiDataSet(sets);
        ComputationGraph averaged = spark.getNetwork();
        if (averaged != local) {
            local.setParams(averaged.params());
            if (averaged.getUpdater() != null && local.getUpdater() != null) {
                local.getUpdater().getStateViewArray().assign(averaged.getUpdater().getStateViewArray());
            }
        }
        if (local.getIterationCount() == iterations) {
            local.getConfiguration().setIterationCount(iterations + updatesPerWorker);
        }
        return RoundStats.of(spark.getSparkTrainingStats(), workerMs);
    }

    private ObjectNode line(long round, int epoch, int workers, RoundStats dStats, RoundStats gStats,
                            double roundSeconds, double imagesPerSecond, double wall) {
        ObjectNode n = MetricsLog.line();
        n.put("round", round);
        n.put("step", round);
        n.put("epoch", epoch);
        n.put("workers", Math.max(dStats.workerIds().size(), gStats.workerIds().size()));
        n.putPOJO("worker_ids", gStats.workerIds().isEmpty() ? dStats.workerIds() : gStats.workerIds());
        n.put("examples_per_worker", d.averagingFrequency() * d.batchPerWorker());
        for (RoundStats.Part p : RoundStats.Part.values()) {
            if (p == RoundStats.Part.TOTAL) {
                continue;
            }
            n.put(p.name().toLowerCase(Locale.ROOT) + "_s",
                    MetricsLog.round2(dStats.seconds(p) + gStats.seconds(p)));
        }
        double executors = dStats.seconds(RoundStats.Part.TOTAL) + gStats.seconds(RoundStats.Part.TOTAL);
        n.put("averaging_s", MetricsLog.round2(Math.max(0, roundSeconds - executors)));
        n.put("round_s", MetricsLog.round2(roundSeconds));
        MetricsLog.putSpeed(n, imagesPerSecond, m.learningRate(), wall);
        n.put("configured_workers", workers);
        return n;
    }
}
