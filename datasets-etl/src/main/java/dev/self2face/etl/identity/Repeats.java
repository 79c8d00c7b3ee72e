package dev.self2face.etl.identity;

import dev.self2face.etl.face.PerceptualHash;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Content the dataset already holds, added again: a copy of a video, a re-encoded or damaged copy, a video that
 * loops. Near-duplicate removal within a video compares perceptual hashes only and misses these (a re-encoded copy's
 * sampled frames fall between the original's, a few bits further off than its threshold). A face is a <em>repeat</em>
 * when
 * <ol>
 *   <li>it matches an earlier face — of the dataset's earlier runs, of an earlier video of this run, or of the
 *   same video more than {@code window} seconds before — by both descriptor (within {@code maxDescriptor}) and
 *   perceptual hash (within {@code maxBits}), and</li>
 *   <li>at least {@code minRun} faces of its own video within {@code window} seconds of it (itself included), and
 *   at least {@code minShare} of those of them that match anything, have a match under the same time mapping
 *   (within {@code offsetTolerance} seconds; every match of a face counts, not only its nearest): a stretch of video
 *   that replays an earlier one, not looks that happen to resemble others (each at its own time). The mapping from
 *   this video's time t to the earlier one's is {@code speed × t + offset}: a copy plays at speed 1 and one offset;
 *   a copy at another speed (a PAL speed-up, a sped-up or slowed upload: the same frames re-timed) at its speed, a
 *   loop's later passes at speed 1 and the offset of each earlier pass. Speeds between ½ and 2 are tried on a
 *   grid ({@link #SPEEDS}) fine enough that, across a window, the grid's error stays within the tolerance; a video
 *   is matched against itself (loops) at speed 1 only.</li>
 * </ol>
 * Single similar moments of a genuine video do not line up into runs under one mapping; a replayed stretch does.
 */
public final class Repeats {
    /** The thresholds (see the class comment). */
    public record Rule(double maxDescriptor, int maxBits, double window, int minRun, double minShare,
                       double offsetTolerance) implements Serializable {
    }

    /**
     * Measured on Megamind.avi and an x264 re-encode of it (one frame shorter): each copy face's nearest original
     * lies within descriptor 0.20 (90 % within 0.18) and 13 bits (90 % within 11); the original's faces are as close
     * to their own neighbours, which is why a single match is not enough and a run at one offset is required.
     */
    public static final Rule DEFAULT = new Rule(0.25, 16, 2.0, 4, 0.3, 0.25);

    /**
     * The speeds tried: 1.1<sup>k</sup> for k = -7..7 (0.51 to 1.95, 1 included). Between two neighbours the
     * mapping is off by at most 5 % of a window's 2 s either side of a face, 0.1 s: within the 0.25 s tolerance.
     */
    static final double[] SPEEDS = speeds();

    private static final int UNSCALED = 7;

    /** The speeds' indices in the order tried: 1 first (copies and loops), then the nearest to 1 outwards. */
    static final int[] SPEED_ORDER = {7, 6, 8, 5, 9, 4, 10, 3, 11, 2, 12, 1, 13, 0, 14};

    private Repeats() {
    }

    private static double[] speeds() {
        double[] s = new double[2 * UNSCALED + 1];
        for (int k = -UNSCALED; k <= UNSCALED; k++) {
            s[k + UNSCALED] = Math.pow(1.1, k);
        }
        return s;
    }

    /**
     * The ids of {@code fresh} faces that repeat {@code earlier} ones (the dataset's) or earlier fresh ones; fresh
     * videos are taken in the order given.
     */
    public static Set<String> of(List<IdentityFilter.Face> earlier, List<IdentityFilter.Face> fresh, Rule rule) {
        Map<String, List<IdentityFilter.Face>> bySource = new LinkedHashMap<>();
        for (IdentityFilter.Face f : fresh) {
            bySource.computeIfAbsent(f.sourceId(), k -> new ArrayList<>()).add(f);
        }
        List<IdentityFilter.Face> before = new ArrayList<>(earlier);
        Set<String> repeats = new HashSet<>();
        for (List<IdentityFilter.Face> own : bySource.values()) {
            own.sort(Comparator.comparingDouble(IdentityFilter.Face::tSec).thenComparing(IdentityFilter.Face::id));
            List<Offsets> offsets = new ArrayList<>();
            for (IdentityFilter.Face f : own) {
                offsets.add(offsets(f, before, own, rule));
            }
            double[] times = own.stream().mapToDouble(IdentityFilter.Face::tSec).toArray();
            for (int i = 0; i < own.size(); i++) {
                // the faces within a window of face i: a slice of the time-ordered list, found by bisection
                int lo = firstAtOrAfter(times, times[i] - rule.window());
                int hi = firstAtOrAfter(times, Math.nextUp(times[i] + rule.window()));
                for (int k : SPEED_ORDER) {
                    if (repeatsAtOneOffset(offsets, k, i, lo, hi, rule)) {
                        repeats.add(own.get(i).id());
                        break;
                    }
                }
            }
            before.addAll(own);
        }
        return repeats;
    }

    /**
     * Whether face {@code i} lies in a run at speed {@code SPEEDS[k]}: for one of its match offsets, enough faces of
     * its window (indices {@code lo} to {@code hi}, exclusive) match at that offset too. Every match counts, not only
     * the nearest: the tenth pass of a loop matches nine earlier passes, each at its own offset, and its neighbours'
     * nearest matches need not be in the same pass.
     */
    private static boolean repeatsAtOneOffset(List<Offsets> offsets, int k, int i, int lo, int hi, Rule rule) {
        List<Integer> window = new ArrayList<>();
        for (int j = lo; j < hi; j++) {
            if (offsets.get(j).any(k)) {
                window.add(j);
            }
        }
        double needed = Math.max(rule.minRun(), rule.minShare() * window.size());
        for (double o : offsets.get(i).at(k)) {
            int run = 0;
            for (int j : window) {
                if (matchesAt(offsets.get(j).at(k), o, rule.offsetTolerance()) && ++run >= needed) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first index of the ascending {@code times} at or after {@code t} ({@code times.length} if none). */
    static int firstAtOrAfter(double[] times, double t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether the ascending {@code offsets} hold one within {@code tolerance} of {@code o} (by bisection). */
    private static boolean matchesAt(double[] offsets, double o, double tolerance) {
        int at = firstAtOrAfter(offsets, o - tolerance);
        return at < offsets.length && offsets[at] <= o + tolerance;
    }

    /**
     * A face's matches: every matching earlier face of another video (its time, and a large constant per video so
     * that runs never mix videos) and, at speed 1 only, the offsets to matching faces of its own video more than a
     * window before. The offsets {@code s × t - t'} at a speed are computed, ascending, when first asked for: most
     * repeats are found at speed 1, and the other speeds' offsets of their faces are never needed.
     */
    private static final class Offsets {
        private final double t;
        private final double[] otherTimes;
        private final double[] otherShifts;
        private final double[] self;
        private final double[][] bySpeed = new double[SPEEDS.length][];

        Offsets(double t, double[] otherTimes, double[] otherShifts, double[] self) {
            this.t = t;
            this.otherTimes = otherTimes;
            this.otherShifts = otherShifts;
            this.self = self;
        }

        /** Whether the face has any match at speed {@code SPEEDS[k]}. */
        boolean any(int k) {
            return otherTimes.length > 0 || (k == UNSCALED && self.length > 0);
        }

        /** The offsets at speed {@code SPEEDS[k]}, ascending. */
        double[] at(int k) {
            if (bySpeed[k] == null) {
                double[] o = new double[otherTimes.length + (k == UNSCALED ? self.length : 0)];
                for (int m = 0; m < otherTimes.length; m++) {
                    o[m] = otherShifts[m] + SPEEDS[k] * t - otherTimes[m];
                }
                if (k == UNSCALED) {
                    System.arraycopy(self, 0, o, otherTimes.length, self.length);
                }
                Arrays.sort(o);
                bySpeed[k] = o;
            }
            return bySpeed[k];
        }
    }

    /** The matches of {@code f} among {@code before} (other videos) and its own video's earlier faces. */
    private static Offsets offsets(IdentityFilter.Face f, List<IdentityFilter.Face> before,
                                   List<IdentityFilter.Face> own, Rule rule) {
        List<IdentityFilter.Face> other = new ArrayList<>();
        for (IdentityFilter.Face g : before) {
            if (match(f, g, rule) < Double.MAX_VALUE) {
                other.add(g);
            }
        }
        double[] times = new double[other.size()];
        double[] shifts = new double[other.size()];
        for (int m = 0; m < times.length; m++) {
            times[m] = other.get(m).tSec();
            shifts[m] = 1e6 * (1 + (other.get(m).sourceId().hashCode() & 0xffff));
        }
        List<Double> self = new ArrayList<>();
        for (IdentityFilter.Face g : own) {
            if (g.tSec() < f.tSec() - rule.window() && match(f, g, rule) < Double.MAX_VALUE) {
                self.add(f.tSec() - g.tSec());
            }
        }
        return new Offsets(f.tSec(), times, shifts, self.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The descriptor distance when both tests pass, else infinity. */
    private static double match(IdentityFilter.Face f, IdentityFilter.Face g, Rule rule) {
        if (PerceptualHash.distance(f.phash(), g.phash()) > rule.maxBits()) {
            return Double.MAX_VALUE;
        }
        double d = IdentityClusters.distance(f.descriptor(), g.descriptor());
        return d <= rule.maxDescriptor() ? d : Double.MAX_VALUE;
    }
}
