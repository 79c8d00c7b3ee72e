package dev.self2face.job.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The one sample order of a run: a permutation per epoch cut to whole batches, the same for the local loop (step s
 * takes positions s·batch …) and the Spark rounds (a round takes the next workers × frequency minibatches), and the
 * same after a resume.
 */
class SampleOrderTest {
    @Test
    void eachEpochVisitsWholeBatchesOfDistinctPairs() {
        SampleOrder order = new SampleOrder(7, 103, 8);
        assertEquals(96, order.perEpoch());
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] idx = order.indices(epoch * 96L, 96);
            Set<Integer> seen = new HashSet<>();
            Arrays.stream(idx).forEach(seen::add);
            assertEquals(96, seen.size(), "no pair twice in epoch " + epoch);
            assertEquals(epoch, order.epochOf(epoch * 96L + 95));
        }
        assertFalse(Arrays.equals(order.indices(0, 96), order.indices(96, 96)), "a new shuffle every epoch");
    }

    @Test
    void localStepsAndSparkRoundsSeeTheSamePairs() {
        int batch = 4;
        int workers = 2;
        int frequency = 5;
        SampleOrder local = new SampleOrder(42, 151, batch);
        SampleOrder spark = new SampleOrder(42, 151, batch);
        int rounds = 6; // crosses an epoch boundary (148 positions per epoch)
        int perRound = workers * frequency * batch;
        for (int r = 0; r < rounds; r++) {
            int[] round = spark.indices((long) r * perRound, perRound);
            for (int k = 0; k < workers * frequency; k++) {
                long step = (long) r * workers * frequency + k;
                assertArrayEquals(local.indices(step * batch, batch),
                        Arrays.copyOfRange(round, k * batch, (k + 1) * batch), "round " + r + ", minibatch " + k);
            }
        }
    }

    @Test
    void aResumedRunContinuesTheSameSequence() {
        SampleOrder straight = new SampleOrder(3, 50, 5);
        int[] all = straight.indices(0, 200);
        SampleOrder resumed = new SampleOrder(3, 50, 5);
        assertArrayEquals(Arrays.copyOfRange(all, 120, 200), resumed.indices(120, 80));
    }
}
