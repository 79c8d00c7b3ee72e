package dev.self2face.etl;

import dev.self2face.storage.StorageSettings;

import java.util.ArrayList;
import java.util.List;

/** The keep filters a run's settings ask for, in the order they apply. */
final class KeepFilters {
    private KeepFilters() {
    }

    /**
     * Near-duplicates always; with {@code etl.identity} the identity filter, and after it (it compares descriptors)
     * the repeat filter unless {@code etl.drop-repeats = false}.
     */
    static List<KeepFilter> of(EtlSettings etl, StorageSettings storage, List<float[]> references) {
        List<KeepFilter> filters = new ArrayList<>();
        filters.add(new NearDuplicateFilter(etl.dedupeDistance()));
        if (etl.identity().on()) {
            filters.add(new IdentityKeepFilter(etl.identity(), storage, references));
            if (etl.dropRepeats()) {
                filters.add(new RepeatFilter());
            }
        }
        return List.copyOf(filters);
    }
}
