package dev.self2face.etl;

import java.io.IOException;

/**
 * One of the ETL's keep filters. After decoding, the run applies its filters in order ({@link KeepFilters#of}), each
 * to the faces the previous ones kept: near-duplicates ({@link NearDuplicateFilter}), the person's identity
 * ({@link IdentityKeepFilter}), repeated content ({@link RepeatFilter}). A new filter implements this and joins the
 * list; the run numbers its stages, times it, and counts its drops per video and reason from the list.
 */
interface KeepFilter {
    /** Its key in the manifest's stage timings. */
    String name();

    /** What Spark's UI and the run's log show while it runs. */
    String description();

    /** Narrows {@link KeptFaces#kept()}, saying why each face it drops went. */
    void apply(KeptFaces faces) throws IOException;
}
