package dev.self2face.etl;

import dev.self2face.etl.face.PerceptualHash;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Near-duplicate removal within one video: in time order, a frame is kept unless its perceptual hash lies within
 * {@code maxDistance} bits of a frame already kept. Runs after all segments, so the result does not depend on how
 * the video was split.
 */
public final class Dedupe {
    /** A candidate frame of one video: its id, time and perceptual hash. */
    public record Item(String id, double tSec, long phash) implements Serializable {
    }

    private Dedupe() {
    }

    /** The ids of {@code items} kept, in time order. */
    public static List<String> keep(Iterable<Item> items, int maxDistance) {
        List<Item> sorted = new ArrayList<>();
        items.forEach(sorted::add);
        sorted.sort(Comparator.comparingDouble(Item::tSec).thenComparing(Item::id));
        List<String> kept = new ArrayList<>();
        long[] keptHashes = new long[sorted.size()];
        int n = 0;
        for (Item it : sorted) {
            boolean duplicate = false;
            for (int i = n - 1; i >= 0 && !duplicate; i--) {
                duplicate = PerceptualHash.distance(keptHashes[i], it.phash()) <= maxDistance;
            }
            if (!duplicate) {
                keptHashes[n++] = it.phash();
                kept.add(it.id());
            }
        }
        return kept;
    }
}
