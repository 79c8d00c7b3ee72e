package dev.self2face.etl.identity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which faces of the dataset are the person's: the driver-side decision of the ETL's identity stage, on the faces'
 * descriptors.
 * <ul>
 *   <li>{@code dominant}: the faces are clustered ({@link IdentityClusters}, cut at {@code cut}); the largest cluster
 *   is the person, faces of other clusters are dropped as {@value #OTHER}, and faces of clusters smaller than
 *   {@code minClusterFraction} of all faces (poor crops, a face seen once) as {@value #NONE}. More faces than
 *   {@code sample}: an evenly spaced sample is clustered and the rest go to the cluster of smallest average
 *   distance (or {@value #NONE} when that is above the cut).</li>
 *   <li>{@code reference}: the faces are clustered the same way, and the identity whose mean descriptor lies
 *   nearest a reference photo's (within {@code cut}) is kept; a face-by-face threshold lets a few in-between faces
 *   of other people through.</li>
 * </ul>
 * Then faces that replay content the dataset already holds are dropped as {@value #REPEAT} ({@link Repeats}).
 */
public final class IdentityFilter {
    public static final String OTHER = "other-identity";
    public static final String NONE = "no-identity";

    /** Faces that replay content the dataset already holds ({@link Repeats}). */
    public static final String REPEAT = "repeat";

    /** One described face: its id, video, time, perceptual hash and descriptor. */
    public record Face(String id, String sourceId, double tSec, long phash, float[] descriptor)
            implements Serializable {
    }

    /**
     * The decision: kept ids, why each other face was dropped, the identities found (sizes, largest first), and the
     * cluster of every face (-1: none).
     */
    public record Decision(Set<String> kept, Map<String, String> dropped, List<Integer> identities,
                           Map<String, Integer> cluster) implements Serializable {
        /** The decision about {@code ids} only (the identities found stay those of all faces decided on). */
        public Decision only(Set<String> ids) {
            Set<String> keep = new HashSet<>(kept);
            keep.retainAll(ids);
            Map<String, String> drop = new HashMap<>(dropped);
            drop.keySet().retainAll(ids);
            Map<String, Integer> of = new HashMap<>(cluster);
            of.keySet().retainAll(ids);
            return new Decision(keep, drop, identities, of);
        }

        /** The same decision with {@code repeats} dropped as {@value #REPEAT}. */
        public Decision without(Set<String> repeats) {
            Set<String> keep = new HashSet<>(kept);
            keep.removeAll(repeats);
            Map<String, String> drop = new HashMap<>(dropped);
            repeats.forEach(id -> drop.put(id, REPEAT));
            return new Decision(keep, drop, identities, cluster);
        }

        /** How many faces of {@code sourceId} were dropped, by reason. */
        public Map<String, Long> droppedOf(String sourceId, List<Face> faces) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (Face f : faces) {
                String why = dropped.get(f.id());
                if (why != null && f.sourceId().equals(sourceId)) {
                    out.merge(why, 1L, Long::sum);
                }
            }
            return out;
        }
    }

    private IdentityFilter() {
    }

    public static Decision dominant(List<Face> faces, double cut, double minClusterFraction, int sample) {
        return decide(faces, cut, minClusterFraction, sample, identities -> identities.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<Integer, List<float[]>> e) -> e.getValue().size())
                        .thenComparing(e -> -e.getKey()))
                .map(Map.Entry::getKey).orElse(-1));
    }

    /**
     * The identity nearest the reference descriptors: faces are clustered as for {@link #dominant}, and the
     * cluster whose mean descriptor lies closest to a reference is kept if that distance is within
     * {@code referenceCut}; otherwise nothing is.
     */
    public static Decision reference(List<Face> faces, List<float[]> references, double cut, double referenceCut,
                                     double minClusterFraction, int sample) {
        return decide(faces, cut, minClusterFraction, sample, members -> {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (Map.Entry<Integer, List<float[]>> e : members.entrySet()) {
                float[] centroid = centroid(e.getValue());
                for (float[] r : references) {
                    double d = IdentityClusters.distance(centroid, r);
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = e.getKey();
                    }
                }
            }
            return bestDistance <= referenceCut ? best : -1;
        });
    }

    /** The mean descriptor of an identity: the person's face with the noise of single frames averaged out. */
    static float[] centroid(List<float[]> members) {
        float[] c = new float[members.get(0).length];
        for (float[] m : members) {
            for (int i = 0; i < c.length; i++) {
                c[i] += m[i] / members.size();
            }
        }
        return c;
    }

    /** Chooses the kept cluster from the members of each identity (clusters of at least the minimum size). */
    private interface Choice {
        int keep(Map<Integer, List<float[]>> identities);
    }

    private static Decision decide(List<Face> faces, double cut, double minClusterFraction, int sample,
                                   Choice choice) {
        if (faces.isEmpty()) {
            return new Decision(Set.of(), Map.of(), List.of(), Map.of());
        }
        List<Face> ordered = new ArrayList<>(faces);
        ordered.sort(Comparator.comparing(Face::id));
        int step = Math.max(1, (int) Math.ceil(ordered.size() / (double) sample));
        List<Face> sampled = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i += step) {
            sampled.add(ordered.get(i));
        }
        float[][] members = sampled.stream().map(Face::descriptor).toArray(float[][]::new);
        IdentityClusters clusters = IdentityClusters.of(members, cut);
        int[] labels = clusters.labels();
        Map<String, Integer> label = new HashMap<>();
        for (int i = 0; i < sampled.size(); i++) {
            label.put(sampled.get(i).id(), labels[i]);
        }
        long minSize = Math.max(2, Math.round(minClusterFraction * faces.size()));
        Map<Integer, List<float[]>> byCluster = new TreeMap<>();
        for (Face f : ordered) {
            Integer l = label.get(f.id());
            int k = l != null ? l : clusters.assign(members, f.descriptor(), cut);
            label.put(f.id(), k);
            if (k >= 0) {
                byCluster.computeIfAbsent(k, x -> new ArrayList<>()).add(f.descriptor());
            }
        }
        byCluster.values().removeIf(m -> m.size() < minSize);
        int keep = choice.keep(byCluster);
        Set<String> kept = new HashSet<>();
        Map<String, String> dropped = new HashMap<>();
        for (Face f : faces) {
            int k = label.get(f.id());
            if (k == keep && k >= 0) {
                kept.add(f.id());
            } else {
                dropped.put(f.id(), byCluster.containsKey(k) ? OTHER : NONE);
            }
        }
        List<Integer> identities = new ArrayList<>();
        byCluster.values().forEach(m -> identities.add(m.size()));
        identities.sort(Comparator.reverseOrder());
        return new Decision(kept, dropped, identities, label);
    }

    /**
     * The validation split of the kept faces: per video, the last {@code valFraction} of its kept faces in time
     * (at least one train face stays), so a filtered video still has a val split of its own person.
     */
    public static Set<String> valIds(List<Face> kept, double valFraction) {
        Map<String, List<Face>> bySource = new LinkedHashMap<>();
        for (Face f : kept) {
            bySource.computeIfAbsent(f.sourceId(), k -> new ArrayList<>()).add(f);
        }
        Set<String> val = new HashSet<>();
        for (List<Face> own : bySource.values()) {
            own.sort(Comparator.comparingDouble(Face::tSec).thenComparing(Face::id));
            int n = (int) Math.min(own.size() - 1, Math.ceil(valFraction * own.size()));
            for (int i = own.size() - n; i < own.size(); i++) {
                val.add(own.get(i).id());
            }
        }
        return val;
    }
}
