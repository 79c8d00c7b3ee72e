package dev.self2face.job.data;

import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evenly spaced stored pairs of a split, kept as PNG bytes: decoded small for searching (nearest condition, nearest
 * face) and at full size only for the pairs a search picks.
 */
public final class PairSample {
    private final List<Row> rows;

    public PairSample(List<Row> rows) {
        this.rows = rows;
    }

    /** At most {@code limit} of {@code rows}, evenly spaced: a view, reading a row only when a search needs it. */
    public static PairSample evenlySpaced(List<Row> rows, int limit) {
        int stride = Math.max(1, (rows.size() + limit - 1) / limit);
        int n = (rows.size() + stride - 1) / stride;
        return new PairSample(new AbstractList<>() {
            @Override
            public Row get(int i) {
                return rows.get(Objects.checkIndex(i, n) * stride);
            }

            @Override
            public int size() {
                return n;
            }
        });
    }

    public int size() {
        return rows.size();
    }

    /** All pairs at {@code side} x {@code side}. */
    public Batch at(int side) {
        return FaceTensors.batch(rows, side);
    }

    /** The pairs {@code indices} at {@code side}, in that order. */
    public Batch pick(long[] indices, int side) {
        List<Row> chosen = new ArrayList<>();
        for (long i : indices) {
            chosen.add(rows.get((int) i));
        }
        return FaceTensors.batch(chosen, side);
    }

    /** Images [n, 3, s, s] averaged down to [n, 3, side, side] (s a multiple of side). */
    public static INDArray shrink(INDArray images, int side) {
        long n = images.size(0);
        long s = images.size(2);
        if (s == side) {
            return images;
        }
        int f = (int) (s / side);
        return images.reshape('c', n, 3, side, f, side, f).mean(3, 5);
    }
}
