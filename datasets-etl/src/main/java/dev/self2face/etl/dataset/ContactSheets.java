package dev.self2face.etl.dataset;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/** Picks pairs spread evenly over a dataset (by source and time) and renders the contact sheet. */
public final class ContactSheets {
    private ContactSheets() {
    }

    public static byte[] of(SparkSession spark, Path root, Manifest manifest, int n) {
        return of(spark, root, manifest, n, List.of());
    }

    /** The sheet with {@code strips} (faces the run dropped, one strip per other identity) under the pairs. */
    public static byte[] of(SparkSession spark, Path root, Manifest manifest, int n,
                            List<ContactSheet.Strip> strips) {
        String title = String.format("self2face dataset %s: %d pairs (%d train, %d val) from %d source(s)",
                manifest.runId, manifest.totals.pairs, manifest.totals.train, manifest.totals.val,
                manifest.totals.sources);
        if (manifest.files(DatasetPublisher.PAIRS + "/").isEmpty() || n == 0) {
            return ContactSheet.render(title, List.of(), strips);
        }
        Dataset<Row> df = FacePairs.beingPublished(spark, root, manifest).pairs();
        List<Row> ids = df.select(PairSchema.ID).orderBy(PairSchema.ID).collectAsList();
        List<String> picked = new ArrayList<>();
        int take = Math.min(n, ids.size());
        for (int i = 0; i < take; i++) {
            picked.add(ids.get((int) ((long) i * ids.size() / take)).getString(0));
        }
        List<ContactSheet.Tile> tiles = new ArrayList<>();
        for (Row r : df.where(col(PairSchema.ID).isin(picked.toArray()))
                .select(PairSchema.SOURCE_URI, PairSchema.TIMESTAMP, PairSchema.SPLIT, PairSchema.CONDITION,
                        PairSchema.FACE, PairSchema.ID)
                .orderBy(PairSchema.ID).collectAsList()) {
            String uri = r.getString(0);
            String name = uri.substring(uri.lastIndexOf('/') + 1);
            tiles.add(new ContactSheet.Tile(String.format("%s %.2fs %s", name, r.getDouble(1), r.getString(2)),
                    r.getAs(3), r.getAs(4)));
        }
        return ContactSheet.render(title, tiles, strips);
    }
}
