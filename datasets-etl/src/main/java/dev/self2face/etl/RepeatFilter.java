package dev.self2face.etl;

import dev.self2face.etl.identity.IdentityFilter;
import dev.self2face.etl.identity.Repeats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Drops kept faces that replay content the dataset (or an earlier video of this run) already holds
 * ({@link Repeats}); runs after {@link IdentityKeepFilter}, whose descriptors it compares.
 */
final class RepeatFilter implements KeepFilter {
    private static final Logger LOG = LoggerFactory.getLogger(RepeatFilter.class);

    @Override
    public String name() {
        return "repeats";
    }

    @Override
    public String description() {
        return "drop repeated content";
    }

    @Override
    public void apply(KeptFaces faces) {
        Set<String> repeats = Repeats.of(faces.earlier(), faces.describedKept(), Repeats.DEFAULT);
        LOG.info("etl: {} kept face(s) replay content already in the dataset or this run ({} earlier face(s)"
                + " compared): dropped as {}", repeats.size(), faces.earlier().size(), IdentityFilter.REPEAT);
        faces.drop(repeats, IdentityFilter.REPEAT);
    }
}
