package dev.self2face.etl.identity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Average linkage and the decisions built on it, on descriptors whose answer is known. */
class IdentityFilterTest {
    private static final Random RANDOM = new Random(5);

    /** {@code n} points around {@code centre}, each coordinate off by up to ±spread/√128. */
    static List<float[]> blob(float[] centre, int n, double spread) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] p = centre.clone();
            for (int k = 0; k < p.length; k++) {
                p[k] += (float) ((RANDOM.nextDouble() * 2 - 1) * spread / Math.sqrt(p.length));
            }
            out.add(p);
        }
        return out;
    }

    static float[] point(double first) {
        float[] p = new float[128];
        p[0] = (float) first;
        return p;
    }

    static List<IdentityFilter.Face> faces(String source, List<float[]> descriptors, int from) {
        List<IdentityFilter.Face> out = new ArrayList<>();
        for (int i = 0; i < descriptors.size(); i++) {
            out.add(new IdentityFilter.Face(source + "-" + (from + i), source, from + i, 0L, descriptors.get(i)));
        }
        return out;
    }

    @Test
    void averageLinkageOnALineMergesAtTheMeanDistance() {
        float[][] d = {point(0), point(0.1), point(0.2), point(1.0), point(1.1)};
        IdentityClusters c = IdentityClusters.of(d, 0.5);
        assertEquals(List.of(3, 2), List.of(c.sizes()[0], c.sizes()[1]));
        int[] l = c.labels();
        assertEquals(l[0], l[2]);
        assertEquals(l[3], l[4]);
        assertTrue(l[0] != l[3]);
        // the last merge joins {0, 0.1, 0.2} and {1.0, 1.1}: the mean of their six distances
        assertEquals(0.95, c.merges().get(c.merges().size() - 1).distance(), 1e-6);
        assertEquals(1, IdentityClusters.of(d, 1.0).sizes().length, "a cut above every merge: one cluster");
    }

    @Test
    void theNearestNeighbourChainGivesTheMergesOfTheTextbookAlgorithm() {
        float[][] d = new float[40][];
        for (int i = 0; i < d.length; i++) {
            d[i] = blob(point(RANDOM.nextDouble() * 3), 1, 1.0).get(0);
        }
        List<Double> fast = IdentityClusters.of(d, 0).merges().stream().map(IdentityClusters.Merge::distance).toList();
        List<Double> slow = naiveAverageLinkage(d);
        assertEquals(slow.size(), fast.size());
        for (int i = 0; i < slow.size(); i++) {
            assertEquals(slow.get(i), fast.get(i), 1e-5, "merge " + i);
        }
    }

    /** O(n³) average linkage straight from its definition: the two clusters with the least mean pairwise distance. */
    private static List<Double> naiveAverageLinkage(float[][] d) {
        List<List<Integer>> clusters = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            clusters.add(new ArrayList<>(List.of(i)));
        }
        List<Double> heights = new ArrayList<>();
        while (clusters.size() > 1) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.MAX_VALUE;
            for (int a = 0; a < clusters.size(); a++) {
                for (int b = a + 1; b < clusters.size(); b++) {
                    double sum = 0;
                    for (int i : clusters.get(a)) {
                        for (int j : clusters.get(b)) {
                            sum += (float) IdentityClusters.distance(d[i], d[j]);
                        }
                    }
                    double mean = sum / (clusters.get(a).size() * clusters.get(b).size());
                    if (mean < best) {
                        best = mean;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            heights.add(best);
            clusters.get(bestA).addAll(clusters.remove(bestB));
        }
        heights.sort(Double::compare);
        return heights;
    }

    @Test
    void dominantKeepsTheLargestIdentityAndNamesWhyTheOthersGo() {
        List<IdentityFilter.Face> all = new ArrayList<>(faces("a", blob(point(0), 30, 0.3), 0));
        all.addAll(faces("a", blob(point(2), 20, 0.3), 100));
        all.addAll(faces("a", List.of(point(5), point(-5)), 200));
        for (int sample : new int[] {3000, 20}) {
            IdentityFilter.Decision d = IdentityFilter.dominant(all, 0.6, 0.1, sample);
            assertEquals(30, d.kept().size(), "sample " + sample);
            assertTrue(d.kept().stream().allMatch(id -> Integer.parseInt(id.substring(2)) < 100));
            assertEquals(IdentityFilter.OTHER, d.dropped().get("a-100"));
            assertEquals(IdentityFilter.NONE, d.dropped().get("a-200"), "an outlier is no identity");
            assertEquals(List.of(30, 20), d.identities());
            assertEquals(20L, d.droppedOf("a", all).get(IdentityFilter.OTHER));
        }
    }

    @Test
    void referenceKeepsTheIdentityNearestThePhotoOrNothing() {
        List<IdentityFilter.Face> all = new ArrayList<>(faces("a", blob(point(0), 30, 0.3), 0));
        all.addAll(faces("a", blob(point(2), 20, 0.3), 100));
        IdentityFilter.Decision near = IdentityFilter.reference(all, List.of(point(2.1)), 0.6, 0.5, 0.1, 3000);
        assertEquals(20, near.kept().size());
        assertTrue(near.kept().contains("a-100"));
        IdentityFilter.Decision far = IdentityFilter.reference(all, List.of(point(9)), 0.6, 0.5, 0.1, 3000);
        assertEquals(0, far.kept().size());
        assertEquals(IdentityFilter.OTHER, far.dropped().get("a-0"));
    }

    @Test
    void theValSplitIsTheLastKeptFacesOfEachVideo() {
        List<IdentityFilter.Face> kept = new ArrayList<>(faces("a", blob(point(0), 20, 0.1), 0));
        kept.addAll(faces("b", blob(point(0), 1, 0.1), 0));
        Set<String> val = IdentityFilter.valIds(kept, 0.1);
        assertEquals(Set.of("a-18", "a-19"), val, "two of twenty; the one face of b stays train");
    }
}
