package dev.self2face.job.apply;

import dev.self2face.job.model.LatentProjection;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Vector arithmetic in z as the DCGAN paper does it: A − B + C with A and B the <em>means</em> of groups of
 * projected faces (single vectors are unstable), here groups at the two ends of a landmark measure (mouth open and
 * closed, say), C a further face from the low end; and a 3x3 neighbourhood of the result with uniform noise added.
 */
public final class LatentArithmetic {
    /** The paper's neighbourhood: uniform noise of ±0.25 on every coordinate of the result. */
    public static final double NEIGHBOURHOOD = 0.25;

    /** Indices into the measured faces: the high group (A), the low group (B) and the bases (C). */
    public record Groups(List<Integer> high, List<Integer> low, List<Integer> bases) {
    }

    private LatentArithmetic() {
    }

    /**
     * The {@code group} faces with the highest measure, the {@code group} with the lowest, and up to {@code bases}
     * faces next above the low group (low on the measure, but not part of B). Ties keep the input order.
     */
    public static Groups groups(double[] measure, int group, int bases) {
        if (measure.length < 2 * group + 1) {
            throw new IllegalArgumentException("arithmetic needs at least " + (2 * group + 1) + " measured faces ("
                    + group + " per group and one base); the dataset has " + measure.length);
        }
        List<Integer> ascending = IntStream.range(0, measure.length).boxed()
                .sorted(Comparator.comparingDouble(i -> measure[i])).toList();
        List<Integer> low = ascending.subList(0, group);
        List<Integer> high = new ArrayList<>(ascending.subList(measure.length - group, measure.length));
        Collections.reverse(high);
        int baseEnd = Math.min(measure.length - group, group + bases);
        return new Groups(high, List.copyOf(low), List.copyOf(ascending.subList(group, baseEnd)));
    }

    /** mean(A) − mean(B) + C for every row of C: [c, d]. */
    public static INDArray apply(INDArray a, INDArray b, INDArray c) {
        INDArray direction = a.mean(true, 0).subi(b.mean(true, 0));
        return c.addRowVector(direction);
    }

    /**
     * Nine vectors: the result in the centre (index 4), and around it the result plus uniform noise in
     * [−scale, scale] per coordinate, all clipped to the prior's range.
     */
    public static INDArray neighbourhood(INDArray result, double scale, long seed) {
        Random r = new Random(seed);
        long d = result.length();
        INDArray out = Nd4j.create(result.dataType(), 9, d);
        for (int i = 0; i < 9; i++) {
            INDArray row = result.reshape(1, d).dup();
            if (i != 4) {
                for (long k = 0; k < d; k++) {
                    row.putScalar(0, k, row.getDouble(0, k) + (2 * r.nextDouble() - 1) * scale);
                }
            }
            out.putRow(i, row);
        }
        Transforms.max(out, -LatentProjection.CLIP, false);
        Transforms.min(out, LatentProjection.CLIP, false);
        return out;
    }
}
