package dev.self2face.etl;

import dev.self2face.config.ConfigError;
import dev.self2face.etl.dataset.ContactSheet;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.etl.face.PackedFace;
import dev.self2face.etl.face.Png;
import dev.self2face.etl.identity.FaceDescriptorNet;
import dev.self2face.etl.identity.IdentityFilter;
import dev.self2face.etl.identity.IdentityMode;
import dev.self2face.etl.identity.IdentityModel;
import dev.self2face.etl.identity.Repeats;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.opencv.opencv_core.Mat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * The ETL's identity stage, after near-duplicate removal: a descriptor for every kept face (in the executors, in
 * batches, face-api's net read once per JVM), then the driver's decision of whose faces stay ({@link IdentityFilter})
 * and the val split among them. Photos for {@code etl.identity = reference} are read before Spark starts.
 */
public final class IdentityStage {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityStage.class);
    private static final int BATCH = 16;
    /** Reference descriptors by (weights, photos): the check before Spark and the run read the photos once. */
    private static final Map<List<String>, List<float[]>> REFERENCES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The decision, the kept faces that form the val split, every described face, the contact sheet's strips. */
    record Result(IdentityFilter.Decision decision, Set<String> val, List<IdentityFilter.Face> faces,
                  List<ContactSheet.Strip> strips) {
        /** Each described face's descriptor, by id. */
        Map<String, float[]> descriptors() {
            Map<String, float[]> out = new HashMap<>();
            faces.forEach(f -> out.put(f.id(), f.descriptor()));
            return out;
        }

        Manifest.Identity summary(IdentityMode mode) {
            Manifest.Identity m = new Manifest.Identity();
            m.mode = mode.name().toLowerCase(java.util.Locale.ROOT);
            m.identities = new ArrayList<>(decision.identities());
            m.kept = decision.kept().size();
            decision.dropped().values().forEach(why -> m.dropped.merge(why, 1L, Long::sum));
            return m;
        }
    }

    private IdentityStage() {
    }

    /** Checks before Spark starts: the weights read, and (reference) every photo gives a face. */
    public static List<float[]> check(EtlSettings etl, StorageSettings storage) {
        if (!etl.identity().on()) {
            return List.of();
        }
        IdentityModel.check(etl.identity().weights(), storage);
        if (etl.identity().mode() != IdentityMode.REFERENCE) {
            return List.of();
        }
        List<String> key = new ArrayList<>(etl.identity().reference());
        key.add(0, etl.identity().weights());
        return REFERENCES.computeIfAbsent(key, k -> references(etl, storage));
    }

    /** Descriptors of the reference photos (files, or the images in folders), aligned by the ETL's own code. */
    static List<float[]> references(EtlSettings etl, StorageSettings storage) {
        Storage st = new Storage(storage);
        FaceDescriptorNet net = IdentityModel.get(etl.identity().weights(), storage);
        List<float[]> out = new ArrayList<>();
        try {
            for (FileStatus f : st.listInputs(etl.identity().reference())) {
                Path p = f.getPath();
                byte[] bytes;
                try (InputStream in = st.fs(p).open(p)) {
                    bytes = in.readAllBytes();
                }
                PhotoConditions.Result r;
                try {
                    // the video's own face search first (a frame or portrait), then a photo's (smaller faces)
                    r = PhotoConditions.of(bytes, etl, storage);
                    if (!r.ok()) {
                        r = PhotoConditions.of(bytes, etl.forPhotos(), storage);
                    }
                } catch (IllegalArgumentException e) {
                    throw new ConfigError("config key 'etl.identity-reference': " + p + ": not an image ("
                            + e.getMessage() + ")");
                }
                if (!r.ok()) {
                    throw new ConfigError("config key 'etl.identity-reference': " + p + ": no usable face ("
                            + r.dropped().key + ")");
                }
                try (Mat aligned = r.aligned(); Mat condition = r.condition()) {
                    out.add(net.describe(List.of(aligned)).getRow(0).toFloatVector());
                }
            }
        } catch (IOException e) {
            throw new ConfigError("config key 'etl.identity-reference': " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new ConfigError("config key 'etl.identity-reference' = " + etl.identity().reference()
                    + ": no photo found");
        }
        return out;
    }

    /**
     * The faces of the published dataset at {@code output} (earlier runs), except those of the videos this run
     * replaces: clustered with this run's faces (the identities are the dataset's) and the references for
     * {@link Repeats}; none when there is no dataset yet or it has no descriptors.
     */
    static List<IdentityFilter.Face> earlier(SparkSession spark, String output, boolean exists,
                                             Set<String> replaced) {
        if (!exists) {
            return List.of();
        }
        List<IdentityFilter.Face> out = new ArrayList<>();
        for (Row r : FacePairs.read(spark, output).pairs().where(col(PairSchema.DESCRIPTOR).isNotNull())
                .select(PairSchema.ID, PairSchema.SOURCE_ID, PairSchema.TIMESTAMP, PairSchema.PHASH,
                        PairSchema.DESCRIPTOR).collectAsList()) {
            if (!replaced.contains(r.getString(1))) {
                List<Float> d = r.getList(4);
                float[] v = new float[d.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = d.get(i);
                }
                out.add(new IdentityFilter.Face(r.getString(0), r.getString(1), r.getDouble(2), r.getLong(3), v));
            }
        }
        return out;
    }

    static Result run(JavaSparkContext sc, JavaRDD<SegmentOutput> outputs, Set<String> keepIds, EtlSettings etl,
                      StorageSettings storage, List<float[]> references, List<IdentityFilter.Face> earlier) {
        Broadcast<Set<String>> keep = sc.broadcast(keepIds);
        String weights = etl.identity().weights();
        List<IdentityFilter.Face> faces = outputs
                .filter(o -> o instanceof SegmentOutput.Candidate c && keep.value().contains(c.id()))
                .map(o -> (SegmentOutput.Candidate) o)
                .mapPartitions(it -> describe(it, IdentityModel.get(weights, storage)))
                .collect();
        EtlSettings.IdentitySettings s = etl.identity();
        // the identities are those of the whole dataset: this run's faces and those earlier runs published
        List<IdentityFilter.Face> all = new ArrayList<>(faces);
        all.addAll(earlier);
        Set<String> fresh = new HashSet<>();
        faces.forEach(f -> fresh.add(f.id()));
        IdentityFilter.Decision decided = (s.mode() == IdentityMode.REFERENCE
                ? IdentityFilter.reference(all, references, s.cut(), s.referenceCut(), s.minClusterFraction(),
                        s.sample())
                : IdentityFilter.dominant(all, s.cut(), s.minClusterFraction(), s.sample())).only(fresh);
        IdentityFilter.Decision d = decided;
        if (etl.dropRepeats()) {
            List<IdentityFilter.Face> keptNow = faces.stream().filter(f -> decided.kept().contains(f.id())).toList();
            Set<String> repeats = Repeats.of(earlier, keptNow, Repeats.DEFAULT);
            LOG.info("etl: {} kept face(s) replay content already in the dataset or this run ({} earlier face(s)"
                    + " compared): dropped as {}", repeats.size(), earlier.size(), IdentityFilter.REPEAT);
            d = decided.without(repeats);
        }
        List<IdentityFilter.Face> kept = new ArrayList<>();
        for (IdentityFilter.Face f : faces) {
            if (d.kept().contains(f.id())) {
                kept.add(f);
            }
        }
        LOG.info("etl: identity {}: {} face(s) described, {} of earlier runs; identities of {} face(s); kept {}, "
                + "dropped {}", s.mode().name().toLowerCase(), faces.size(), earlier.size(), d.identities(),
                d.kept().size(), d.dropped().size());
        return new Result(d, IdentityFilter.valIds(kept, etl.valFraction()), faces,
                strips(outputs, d));
    }

    /**
     * A few faces of each identity the run dropped (and of the faces that formed none), spread evenly over them,
     * as PNGs for the contact sheet.
     */
    private static List<ContactSheet.Strip> strips(JavaRDD<SegmentOutput> outputs, IdentityFilter.Decision d) {
        Map<Integer, List<String>> others = new TreeMap<>();
        List<String> none = new ArrayList<>();
        d.dropped().keySet().stream().sorted().forEach(id -> {
            String why = d.dropped().get(id);
            if (IdentityFilter.OTHER.equals(why)) {
                others.computeIfAbsent(d.cluster().get(id), k -> new ArrayList<>()).add(id);
            } else if (IdentityFilter.NONE.equals(why)) {
                none.add(id);
            }
        });
        Map<String, List<String>> shown = new LinkedHashMap<>();
        int k = 0;
        for (List<String> ids : others.values()) {
            shown.put("dropped: other identity " + (++k) + " (" + ids.size() + " faces)", spread(ids));
        }
        if (!none.isEmpty()) {
            shown.put("dropped: no identity (" + none.size() + " faces)", spread(none));
        }
        Set<String> wanted = new HashSet<>();
        shown.values().forEach(wanted::addAll);
        Map<String, byte[]> pngs = outputs
                .filter(o -> o instanceof SegmentOutput.Candidate c && wanted.contains(c.id()))
                .mapToPair(o -> {
                    SegmentOutput.Candidate c = (SegmentOutput.Candidate) o;
                    try (Mat face = PackedFace.unpack(c.packedFace())) {
                        return new Tuple2<>(c.id(), Png.encode(face));
                    }
                }).collectAsMap();
        List<ContactSheet.Strip> strips = new ArrayList<>();
        shown.forEach((title, ids) -> strips.add(new ContactSheet.Strip(title,
                ids.stream().map(pngs::get).filter(Objects::nonNull).toList())));
        return strips;
    }

    /** At most a strip's worth of {@code ids}, evenly spread. */
    private static List<String> spread(List<String> ids) {
        List<String> some = new ArrayList<>();
        int take = Math.min(ContactSheet.STRIP_FACES, ids.size());
        for (int i = 0; i < take; i++) {
            some.add(ids.get((int) ((long) i * ids.size() / take)));
        }
        return some;
    }

    private static Iterator<IdentityFilter.Face> describe(Iterator<SegmentOutput.Candidate> it,
                                                          FaceDescriptorNet net) {
        List<IdentityFilter.Face> out = new ArrayList<>();
        List<SegmentOutput.Candidate> batch = new ArrayList<>();
        while (it.hasNext()) {
            batch.add(it.next());
            if (batch.size() == BATCH || !it.hasNext()) {
                List<Mat> faces = new ArrayList<>();
                try {
                    for (SegmentOutput.Candidate c : batch) {
                        faces.add(PackedFace.unpack(c.packedFace()));
                    }
                    INDArray d = net.describe(faces);
                    for (int i = 0; i < batch.size(); i++) {
                        SegmentOutput.Candidate c = batch.get(i);
                        out.add(new IdentityFilter.Face(c.id(), c.sourceId(), c.tSec(), c.phash(),
                                d.getRow(i).toFloatVector()));
                    }
                } finally {
                    faces.forEach(Mat::close);
                }
                batch.clear();
            }
        }
        return out.iterator();
    }
}
