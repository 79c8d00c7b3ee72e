package dev.self2face.etl;

import dev.self2face.etl.dataset.ContactSheet;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.etl.identity.IdentityFilter;
import dev.self2face.etl.identity.IdentityMode;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the keep filters pass from one to the next: the candidates (in the executors) and, on the driver, which ids
 * are still kept, why each other one was dropped, and what a filter found that later ones or the write stage use
 * (descriptors, identities, contact-sheet strips, the dataset's earlier faces).
 */
final class KeptFaces {
    /** The drop reasons that the manifest's identity section counts. */
    private static final Set<String> IDENTITY_REASONS = Set.of(IdentityFilter.OTHER, IdentityFilter.NONE,
            IdentityFilter.REPEAT);

    private final JavaSparkContext sc;
    private final JavaRDD<SegmentOutput> outputs;
    private final Map<String, String> sourceOf;
    private final Set<String> kept;
    private final Map<String, String> dropped = new HashMap<>();
    private final Supplier<List<IdentityFilter.Face>> earlierSource;
    private List<IdentityFilter.Face> earlier;
    private List<IdentityFilter.Face> described;
    private IdentityMode identityMode;
    private List<Integer> identities = List.of();
    private final List<ContactSheet.Strip> strips = new ArrayList<>();

    private KeptFaces(JavaSparkContext sc, JavaRDD<SegmentOutput> outputs, Map<String, String> sourceOf,
                      Supplier<List<IdentityFilter.Face>> earlierSource) {
        this.sc = sc;
        this.outputs = outputs;
        this.sourceOf = sourceOf;
        this.kept = new HashSet<>(sourceOf.keySet());
        this.earlierSource = earlierSource;
    }

    /**
     * Every candidate of {@code outputs}, kept so far; {@code earlier} reads the dataset's described faces when a
     * filter first asks for them.
     */
    static KeptFaces of(JavaSparkContext sc, JavaRDD<SegmentOutput> outputs,
                        Supplier<List<IdentityFilter.Face>> earlier) {
        Map<String, String> sourceOf = new HashMap<>(outputs
                .filter(o -> o instanceof SegmentOutput.Candidate)
                .mapToPair(o -> new Tuple2<>(((SegmentOutput.Candidate) o).id(), o.sourceId()))
                .collectAsMap());
        return new KeptFaces(sc, outputs, sourceOf, earlier);
    }

    JavaSparkContext sc() {
        return sc;
    }

    /** The ids kept so far. */
    Set<String> kept() {
        return Collections.unmodifiableSet(kept);
    }

    /** The kept candidates, in the executors. */
    JavaRDD<SegmentOutput.Candidate> keptCandidates() {
        Broadcast<Set<String>> keep = sc.broadcast(new HashSet<>(kept));
        return outputs.filter(o -> o instanceof SegmentOutput.Candidate c && keep.value().contains(c.id()))
                .map(o -> (SegmentOutput.Candidate) o);
    }

    /** Every candidate, kept or not, in the executors (for a filter's contact-sheet strips). */
    JavaRDD<SegmentOutput> outputs() {
        return outputs;
    }

    /** Keeps only those of the kept ids in {@code keep}; each other one is dropped for {@code why.apply(id)}. */
    void keepOnly(Set<String> keep, Function<String, String> why) {
        for (String id : new ArrayList<>(kept)) {
            if (!keep.contains(id)) {
                kept.remove(id);
                dropped.put(id, why.apply(id));
            }
        }
    }

    /** Drops {@code ids} for {@code reason}. */
    void drop(Collection<String> ids, String reason) {
        for (String id : ids) {
            if (kept.remove(id)) {
                dropped.put(id, reason);
            }
        }
    }

    /** The dataset's faces from earlier runs (other than those of the videos this run replaces). */
    List<IdentityFilter.Face> earlier() {
        if (earlier == null) {
            earlier = earlierSource.get();
        }
        return earlier;
    }

    /** Records the descriptors of this run's faces (written with the pairs) and the identities found among them. */
    void described(List<IdentityFilter.Face> faces, IdentityMode mode, List<Integer> identitiesFound) {
        this.described = List.copyOf(faces);
        this.identityMode = mode;
        this.identities = List.copyOf(identitiesFound);
    }

    /** This run's described faces (empty unless a filter described them). */
    List<IdentityFilter.Face> described() {
        return described == null ? List.of() : described;
    }

    /** The kept faces among the described ones, in their order. */
    List<IdentityFilter.Face> describedKept() {
        return described().stream().filter(f -> kept.contains(f.id())).toList();
    }

    void addStrips(List<ContactSheet.Strip> more) {
        strips.addAll(more);
    }

    List<ContactSheet.Strip> strips() {
        return List.copyOf(strips);
    }

    /** Each described face's descriptor by id; null when no filter described them. */
    Map<String, float[]> descriptors() {
        if (described == null) {
            return null;
        }
        Map<String, float[]> out = new HashMap<>();
        described.forEach(f -> out.put(f.id(), f.descriptor()));
        return out;
    }

    /** The val split among the kept described faces ({@link IdentityFilter#valIds}); null when none were described. */
    Set<String> val(double valFraction) {
        return described == null ? null : IdentityFilter.valIds(describedKept(), valFraction);
    }

    /** How many faces of each video the filters dropped, by reason. */
    Map<String, Map<String, Long>> droppedBySource() {
        Map<String, Map<String, Long>> out = new HashMap<>();
        dropped.forEach((id, why) -> out.computeIfAbsent(sourceOf.get(id), k -> new LinkedHashMap<>())
                .merge(why, 1L, Long::sum));
        return out;
    }

    /** The manifest's identity section; null when no filter described the faces. */
    Manifest.Identity identitySummary() {
        if (described == null) {
            return null;
        }
        Manifest.Identity m = new Manifest.Identity();
        m.mode = identityMode.name().toLowerCase(Locale.ROOT);
        m.identities = new ArrayList<>(identities);
        m.kept = kept.size();
        Map<String, Long> counts = new TreeMap<>();
        dropped.values().stream().filter(IDENTITY_REASONS::contains).forEach(w -> counts.merge(w, 1L, Long::sum));
        m.dropped = counts;
        return m;
    }
}
