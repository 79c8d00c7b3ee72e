package dev.self2face.job.model;

import dev.self2face.config.ConfigError;

import java.util.Locale;

/** The models self2face trains. */
public enum ModelKind {
    /** Radford et al. 2015: noise -> face. */
    DCGAN,
    /** Isola et al. 2017: condition image -> face. */
    PIX2PIX;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelKind parse(String key, String value) {
        for (ModelKind k : values()) {
            if (k.id().equals(value)) {
                return k;
            }
        }
        throw new ConfigError("config key '" + key + "' = '" + value + "': must be dcgan or pix2pix");
    }
}
