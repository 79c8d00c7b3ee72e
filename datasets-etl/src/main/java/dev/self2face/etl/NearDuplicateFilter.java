package dev.self2face.etl;

import dev.self2face.etl.face.DropReason;
import scala.Tuple2;

import java.util.HashSet;
import java.util.Set;

/** Drops near-duplicate frames within each video ({@link Dedupe}: perceptual hashes, in time order). */
final class NearDuplicateFilter implements KeepFilter {
    private final int maxDistance;

    NearDuplicateFilter(int maxDistance) {
        this.maxDistance = maxDistance;
    }

    @Override
    public String name() {
        return "dedupe";
    }

    @Override
    public String description() {
        return "drop near-duplicates";
    }

    @Override
    public void apply(KeptFaces faces) {
        int max = maxDistance;
        Set<String> keep = new HashSet<>(faces.keptCandidates()
                .mapToPair(c -> new Tuple2<>(c.sourceId(), new Dedupe.Item(c.id(), c.tSec(), c.phash())))
                .groupByKey()
                .flatMap(g -> Dedupe.keep(g._2(), max).iterator())
                .collect());
        faces.keepOnly(keep, id -> DropReason.DUPLICATE.key);
    }
}
