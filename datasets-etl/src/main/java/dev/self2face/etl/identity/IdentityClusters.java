package dev.self2face.etl.identity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Average-linkage (UPGMA) agglomerative clustering of face descriptors, cut where the average distance between two
 * clusters exceeds {@code cut}: the clusters are the identities. Average linkage because the simpler rule fails on
 * real faces: linking every pair closer than face-api's 0.6 (single linkage) chains two people together through a
 * few in-between faces (poor crops, closed eyes).
 * <p>Written by hand with the nearest-neighbour-chain algorithm (O(n²) time and memory, exact for average linkage):
 * none of the project's libraries clusters hierarchically (commons-math has k-means and DBSCAN only; Smile and ELKI
 * are GPL/AGPL). Callers cluster a sample of at most a few thousand faces and {@link #assign} the rest.
 */
public final class IdentityClusters {
    /** A merge of the dendrogram: clusters {@code a} and {@code b} (by first member) at average distance. */
    public record Merge(int a, int b, double distance) {
    }

    private final int[] labels;
    private final int[] sizes;
    private final List<Merge> merges;

    private IdentityClusters(int[] labels, int[] sizes, List<Merge> merges) {
        this.labels = labels;
        this.sizes = sizes;
        this.merges = merges;
    }

    /** Clusters {@code descriptors} (rows) and cuts at {@code cut}; labels are numbered by cluster size, largest 0. */
    public static IdentityClusters of(float[][] descriptors, double cut) {
        int n = descriptors.length;
        float[][] d = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[i][j] = (float) distance(descriptors[i], descriptors[j]);
                d[j][i] = d[i][j];
            }
        }
        List<Merge> merges = nearestNeighbourChain(d);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (Merge m : merges) {
            if (m.distance() <= cut) {
                parent[find(parent, m.b())] = find(parent, m.a());
            }
        }
        Map<Integer, Integer> count = new HashMap<>();
        for (int i = 0; i < n; i++) {
            count.merge(find(parent, i), 1, Integer::sum);
        }
        List<Integer> roots = new ArrayList<>(count.keySet());
        roots.sort((x, y) -> count.get(y).equals(count.get(x)) ? Integer.compare(x, y)
                : Integer.compare(count.get(y), count.get(x)));
        Map<Integer, Integer> label = new HashMap<>();
        int[] sizes = new int[roots.size()];
        for (int k = 0; k < roots.size(); k++) {
            label.put(roots.get(k), k);
            sizes[k] = count.get(roots.get(k));
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = label.get(find(parent, i));
        }
        return new IdentityClusters(labels, sizes, merges);
    }

    private static List<Merge> nearestNeighbourChain(float[][] d) {
        int n = d.length;
        int[] size = new int[n];
        Arrays.fill(size, 1);
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        List<Merge> merges = new ArrayList<>();
        Deque<Integer> chain = new ArrayDeque<>();
        int left = n;
        int next = 0;
        while (left > 1) {
            if (chain.isEmpty()) {
                while (!active[next]) {
                    next++;
                }
                chain.push(next);
            }
            int a = chain.pop();
            Integer previous = chain.peek();
            int b = -1;
            float best = Float.MAX_VALUE;
            if (previous != null) {
                b = previous;
                best = d[a][previous];
            }
            for (int k = 0; k < n; k++) {
                if (active[k] && k != a && d[a][k] < best) {
                    best = d[a][k];
                    b = k;
                }
            }
            if (previous != null && b == previous) {
                chain.pop();
                merges.add(new Merge(Math.min(a, b), Math.max(a, b), best));
                int keep = Math.min(a, b);
                int drop = Math.max(a, b);
                for (int k = 0; k < n; k++) {
                    if (active[k] && k != a && k != b) {
                        float v = (size[a] * d[a][k] + size[b] * d[b][k]) / (size[a] + size[b]);
                        d[keep][k] = v;
                        d[k][keep] = v;
                    }
                }
                size[keep] = size[a] + size[b];
                active[drop] = false;
                left--;
            } else {
                chain.push(a);
                chain.push(b);
            }
        }
        merges.sort((x, y) -> Double.compare(x.distance(), y.distance()));
        return merges;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    public static double distance(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i] - y[i];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * The cluster a further face belongs to: the one with the smallest average distance to its members (the
     * average-linkage rule), or -1 when even that is above {@code cut}.
     */
    public int assign(float[][] members, float[] face, double cut) {
        double[] sum = new double[sizes.length];
        for (int i = 0; i < members.length; i++) {
            sum[labels[i]] += distance(members[i], face);
        }
        int best = -1;
        double bestMean = Double.MAX_VALUE;
        for (int k = 0; k < sizes.length; k++) {
            double mean = sum[k] / sizes[k];
            if (mean < bestMean) {
                bestMean = mean;
                best = k;
            }
        }
        return bestMean <= cut ? best : -1;
    }

    /** Cluster of each face, 0 the largest. */
    public int[] labels() {
        return labels.clone();
    }

    /** Faces per cluster, largest first. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Every merge, by distance: what a cut would give at any threshold. */
    public List<Merge> merges() {
        return List.copyOf(merges);
    }
}
