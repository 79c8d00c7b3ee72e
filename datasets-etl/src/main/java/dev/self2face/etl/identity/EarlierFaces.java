package dev.self2face.etl.identity;

import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.PairSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * The described faces a published dataset already holds (its earlier runs'): clustered with a run's new faces, so
 * that the identities are the whole dataset's, and the faces {@link Repeats} compares new ones with.
 */
public final class EarlierFaces {
    private EarlierFaces() {
    }

    /**
     * The faces of the dataset at {@code output} with a descriptor, except those of the videos in {@code replaced}
     * (which this run processes again); none when {@code exists} is false.
     */
    public static List<IdentityFilter.Face> of(SparkSession spark, String output, boolean exists,
                                               Set<String> replaced) {
        if (!exists) {
            return List.of();
        }
        List<IdentityFilter.Face> out = new ArrayList<>();
        for (Row r : FacePairs.read(spark, output).pairs().where(col(PairSchema.DESCRIPTOR).isNotNull())
                .select(PairSchema.ID, PairSchema.SOURCE_ID, PairSchema.TIMESTAMP, PairSchema.PHASH,
                        PairSchema.DESCRIPTOR).collectAsList()) {
            if (!replaced.contains(r.getString(1))) {
                out.add(face(r));
            }
        }
        return out;
    }

    private static IdentityFilter.Face face(Row r) {
        List<Float> d = r.getList(4);
        float[] v = new float[d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.get(i);
        }
        return new IdentityFilter.Face(r.getString(0), r.getString(1), r.getDouble(2), r.getLong(3), v);
    }
}
