package dev.self2face.etl.identity;

/** {@code etl.identity}: which faces the ETL keeps ({@link IdentityFilter}). */
public enum IdentityMode {
    /** Every face (no descriptors). */
    OFF,
    /** The largest identity across the whole dataset. */
    DOMINANT,
    /** The faces near the photos of {@code etl.identity-reference}. */
    REFERENCE
}
