package dev.self2face.etl;

import dev.self2face.etl.face.PackedFace;
import dev.self2face.etl.face.Png;
import dev.self2face.etl.identity.DroppedStrips;
import dev.self2face.etl.identity.FaceDescriptions;
import dev.self2face.etl.identity.IdentityFilter;
import dev.self2face.etl.identity.IdentityMode;
import dev.self2face.etl.identity.IdentityModel;
import dev.self2face.storage.StorageSettings;
import org.apache.spark.broadcast.Broadcast;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the person's faces ({@code etl.identity}): a descriptor for every kept face, in the executors
 * ({@link FaceDescriptions}); then, on the driver, the identities of the whole dataset (this run's faces and those
 * earlier runs published) and whose faces stay ({@link IdentityFilter}); a strip of each dropped identity for the
 * contact sheet ({@link DroppedStrips}).
 */
final class IdentityKeepFilter implements KeepFilter {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityKeepFilter.class);

    private final EtlSettings.IdentitySettings settings;
    private final StorageSettings storage;
    private final List<float[]> references;

    IdentityKeepFilter(EtlSettings.IdentitySettings settings, StorageSettings storage, List<float[]> references) {
        this.settings = settings;
        this.storage = storage;
        this.references = references;
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public String description() {
        return "identity: describe the kept faces, cluster";
    }

    @Override
    public void apply(KeptFaces faces) {
        String weights = settings.weights();
        StorageSettings st = storage;
        List<IdentityFilter.Face> described = faces.keptCandidates()
                .map(c -> new FaceDescriptions.Crop(c.id(), c.sourceId(), c.tSec(), c.phash(), c.packedFace()))
                .mapPartitions(it -> FaceDescriptions.describe(it, IdentityModel.get(weights, st)))
                .collect();
        List<IdentityFilter.Face> earlier = faces.earlier();
        List<IdentityFilter.Face> all = new ArrayList<>(described);
        all.addAll(earlier);
        Set<String> fresh = new HashSet<>();
        described.forEach(f -> fresh.add(f.id()));
        IdentityFilter.Decision d = (settings.mode() == IdentityMode.REFERENCE
                ? IdentityFilter.reference(all, references, settings.cut(), settings.referenceCut(),
                        settings.minClusterFraction(), settings.sample())
                : IdentityFilter.dominant(all, settings.cut(), settings.minClusterFraction(), settings.sample()))
                .only(fresh);
        faces.described(described, settings.mode(), d.identities());
        faces.keepOnly(d.kept(), id -> d.dropped().get(id));
        Map<String, List<String>> shown = DroppedStrips.chosen(d);
        faces.addStrips(DroppedStrips.strips(shown, pngs(faces, shown)));
        LOG.info("etl: identity {}: {} face(s) described, {} of earlier runs; identities of {} face(s); kept {}, "
                + "dropped {}", settings.mode().name().toLowerCase(), described.size(), earlier.size(),
                d.identities(), d.kept().size(), d.dropped().size());
    }

    /** The PNGs of the faces the strips show. */
    private static Map<String, byte[]> pngs(KeptFaces faces, Map<String, List<String>> chosen) {
        Set<String> wanted = new HashSet<>();
        chosen.values().forEach(wanted::addAll);
        Broadcast<Set<String>> want = faces.sc().broadcast(wanted);
        return faces.outputs()
                .filter(o -> o instanceof SegmentOutput.Candidate c && want.value().contains(c.id()))
                .mapToPair(o -> {
                    SegmentOutput.Candidate c = (SegmentOutput.Candidate) o;
                    try (Mat face = PackedFace.unpack(c.packedFace())) {
                        return new Tuple2<>(c.id(), Png.encode(face));
                    }
                }).collectAsMap();
    }
}
