package dev.self2face.job.train;

import dev.self2face.job.backend.Backend;
import dev.self2face.job.data.Batch;
import dev.self2face.job.data.Seeds;
import dev.self2face.job.model.TrainingSets;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs in an executor, on one worker's partition of a round: its rows in slot order become minibatches, and each
 * minibatch becomes D's training sets (with G's fakes, made here by the round's G) or G's training set. The
 * randomness of minibatch i of the run (its noise, G's dropout) comes from ND4J's generator seeded from (seed, i),
 * as in the local trainer's step i.
 */
final class RoundSets implements FlatMapFunction<Iterator<Tuple2<Integer, SlotRow>>, MultiDataSet>,
        Serializable {
    enum Phase { DISCRIMINATOR, GENERATOR }

    private final TrainingSets sets;
    private final Phase phase;
    private final int batch;
    private final long seed;
    private final long firstStep;
    private final int minibatchesPerWorker;
    private final boolean separate;
    private final Broadcast<String> generatorConf;
    private final Broadcast<INDArray> generatorParams;

    RoundSets(TrainingSets sets, Phase phase, int batch, long seed, long firstStep, int minibatchesPerWorker,
              boolean separate, Broadcast<String> generatorConf, Broadcast<INDArray> generatorParams) {
        this.sets = sets;
        this.phase = phase;
        this.batch = batch;
        this.seed = seed;
        this.firstStep = firstStep;
        this.minibatchesPerWorker = minibatchesPerWorker;
        this.separate = separate;
        this.generatorConf = generatorConf;
        this.generatorParams = generatorParams;
    }

    /**
     * dl4j-spark stamps its training statistics with an NTP clock that queries pool.ntp.org by default (failing, and
     * failing the fit, where there is no internet); the system clock serves. Set in every JVM that trains: the driver
     * and, here, each executor before its first fit.
     */
    static void useSystemClock() {
        System.setProperty("org.deeplearning4j.spark.time.TimeSource",
                "org.deeplearning4j.spark.time.SystemClockTimeSource");
    }

    private static final AtomicBoolean BACKEND_LOGGED = new AtomicBoolean();

    @Override
    public Iterator<MultiDataSet> call(Iterator<Tuple2<Integer, SlotRow>> rows) {
        useSystemClock();
        if (BACKEND_LOGGED.compareAndSet(false, true)) {
            // once per executor JVM: which backend (CPU or CUDA) and devices this worker trains on
            LoggerFactory.getLogger("self2face.train").info("executor "
                    + SparkEnv.get().executorId() + ": " + Backend.describe());
        }
        List<SlotRow> all = new ArrayList<>();
        rows.forEachRemaining(r -> all.add(r._2()));
        all.sort(Comparator.comparingInt(SlotRow::slot));
        return new Minibatches(all);
    }

    /**
     * The worker's training sets, made one minibatch at a time as dl4j-spark's worker asks for them: the decoding
     * and G's fakes then run inside its timed loop (its "data" time) and, with {@code training.prefetch-batches},
     * ahead of the fits in its prefetch thread.
     */
    private final class Minibatches implements Iterator<MultiDataSet> {
        private final List<SlotRow> rows;
        private final ArrayDeque<MultiDataSet> ready = new ArrayDeque<>();
        private int next;
        private ComputationGraph generator;

        Minibatches(List<SlotRow> rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            return !ready.isEmpty() || next * batch < rows.size();
        }

        @Override
        public MultiDataSet next() {
            if (ready.isEmpty()) {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                make(next++);
            }
            return ready.poll();
        }

        private void make(int j) {
            List<Row> mb = new ArrayList<>();
            for (int i = j * batch; i < Math.min(rows.size(), (j + 1) * batch); i++) {
                mb.add(rows.get(i).row());
            }
            int worker = rows.get(0).worker();
            long step = firstStep + (long) worker * minibatchesPerWorker + j;
            Batch b = sets.mirrored(DistributedPairs.batchOf(mb, sets.size()), seed, step);
            Nd4j.getRandom().setSeed(Seeds.step(seed, step));
            INDArray[] in = sets.generatorInputs(b);
            if (phase == Phase.DISCRIMINATOR) {
                if (generator == null) {
                    generator = new ComputationGraph(ComputationGraphConfiguration.fromJson(generatorConf.value()));
                    generator.init(generatorParams.value().dup(), false);
                }
                ready.addAll(Arrays.asList(sets.discriminator(b, generator.output(true, in)[0], separate)));
                for (int k = 1; k < sets.discriminatorSteps(); k++) {
                    INDArray[] again = sets.generatorInputs(b);
                    ready.addAll(Arrays.asList(sets.discriminator(b, generator.output(true, again)[0], separate)));
                }
            } else {
                ready.add(sets.generator(b, in));
            }
        }
    }
}
