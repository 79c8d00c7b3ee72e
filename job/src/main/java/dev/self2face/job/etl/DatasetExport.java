package dev.self2face.job.etl;

import dev.self2face.spark.SparkSettings;
import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.job.spark.JobSpark;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageCheck;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code inspect --export DIR}: a dataset in files any tool reads (Python has no Parquet reader among Debian's
 * packages): its manifest and contact sheet, and evenly spaced pairs of each split as PNGs with {@code pairs.csv}
 * (id, split, source, time, frame, sharpness, the two image files and the 68 landmarks as "x y x y …").
 */
public final class DatasetExport {
    public static final String CSV = "pairs.csv";

    private DatasetExport() {
    }

    /** @param perSplit pairs exported per split (evenly spaced by pair id); returns how many were written */
    public static int run(SparkSettings sparkSettings, String dataset, String dir, int perSplit) throws IOException {
        Storage storage = new Storage(sparkSettings.storage());
        StorageCheck.reachable(storage, List.of(dataset, dir));
        storage.checkWritable(dir);
        try (SparkSession spark = JobSpark.start(sparkSettings, "export")) {
            FacePairs pairs = FacePairs.read(spark, dataset);
            for (String f : List.of(DatasetPublisher.MANIFEST, DatasetPublisher.CONTACT_SHEET)) {
                Path from = new Path(dataset, f);
                if (storage.exists(from)) {
                    storage.writeAtomically(new Path(dir, f), storage.read(from));
                }
            }
            StringBuilder csv = new StringBuilder("id,split,source_id,timestamp_sec,frame_index,sharpness,"
                    + "condition_png,face_png,landmarks\n");
            int n = 0;
            for (String split : List.of(PairSchema.TRAIN, PairSchema.VAL)) {
                List<String> ids = pairs.split(split).select(PairSchema.ID).orderBy(PairSchema.ID)
                        .as(Encoders.STRING()).collectAsList();
                List<String> chosen = new ArrayList<>();
                int k = Math.min(perSplit, ids.size());
                for (int i = 0; i < k; i++) {
                    chosen.add(ids.get((int) ((long) i * ids.size() / k)));
                }
                List<Row> rows = pairs.split(split).filter(functions.col(PairSchema.ID).isin(chosen.toArray()))
                        .orderBy(PairSchema.ID).collectAsList();
                for (Row r : rows) {
                    String id = r.getAs(PairSchema.ID);
                    String cond = "images/" + id + "-condition.png";
                    String face = "images/" + id + "-face.png";
                    storage.writeAtomically(new Path(dir, cond), r.getAs(PairSchema.CONDITION));
                    storage.writeAtomically(new Path(dir, face), r.getAs(PairSchema.FACE));
                    csv.append(String.join(",", id, split, r.getAs(PairSchema.SOURCE_ID),
                            String.valueOf((double) r.getAs(PairSchema.TIMESTAMP)),
                            String.valueOf((long) r.getAs(PairSchema.FRAME_INDEX)),
                            String.format(Locale.ROOT, "%.2f", (double) r.getAs(PairSchema.SHARPNESS)), cond, face,
                            landmarks(r))).append('\n');
                    n++;
                }
            }
            storage.writeAtomically(new Path(dir, CSV), csv.toString().getBytes(StandardCharsets.UTF_8));
            return n;
        }
    }

    private static String landmarks(Row r) {
        int i = r.fieldIndex(PairSchema.LANDMARKS);
        if (r.isNullAt(i)) {
            return "";
        }
        List<Float> v = r.getList(i);
        StringBuilder b = new StringBuilder();
        for (Float x : v) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", x));
        }
        return b.toString();
    }
}
