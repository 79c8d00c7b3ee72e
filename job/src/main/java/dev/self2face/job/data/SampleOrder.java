package dev.self2face.job.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The order in which a run visits its train pairs: position p of the run's sample sequence is pair
 * {@code indexAt(p)}. Each epoch is a fresh permutation seeded by (seed, epoch), cut to a whole number of batches
 * (the last partial batch of an epoch is dropped), so the order depends only on the seed, the pair count and the
 * batch size: the local loop (positions step·batch …) and the Spark rounds (positions of their minibatches) see the
 * same pairs, and a resumed run the same as a straight one.
 */
public final class SampleOrder {
    private final long seed;
    private final int pairs;
    private final long perEpoch;
    private int epoch = -1;
    private int[] permutation;

    public SampleOrder(long seed, int pairs, int batch) {
        if (pairs < batch || batch < 1) {
            throw new IllegalArgumentException(pairs + " pairs cannot make a batch of " + batch);
        }
        this.seed = seed;
        this.pairs = pairs;
        this.perEpoch = (long) pairs / batch * batch;
    }

    /** Positions used per epoch: a whole number of batches. */
    public long perEpoch() {
        return perEpoch;
    }

    /** The epoch (0-based) of sample position {@code position}. */
    public int epochOf(long position) {
        return (int) (position / perEpoch);
    }

    /** The pair index at sample position {@code position}. */
    public int indexAt(long position) {
        int e = epochOf(position);
        if (e != epoch) {
            List<Integer> order = new ArrayList<>(IntStream.range(0, pairs).boxed().toList());
            Collections.shuffle(order, new Random(Seeds.epochOrder(seed, e)));
            permutation = order.stream().mapToInt(Integer::intValue).toArray();
            epoch = e;
        }
        return permutation[(int) (position % perEpoch)];
    }

    /** Pair indices of positions [from, from + count). */
    public int[] indices(long from, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = indexAt(from + i);
        }
        return out;
    }
}
