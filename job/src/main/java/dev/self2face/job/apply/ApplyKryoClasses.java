package dev.self2face.job.apply;

import java.util.List;

/** The records this package sends through Spark (the avatar's segment tasks and their results), for Kryo. */
public final class ApplyKryoClasses {
    private ApplyKryoClasses() {
    }

    /** Records travel with Kryo's Java serialization bridge: Spark's Kryo cannot set a record's fields. */
    public static List<Class<?>> records() {
        return List.of(AvatarSegments.Task.class, AvatarVideo.Result.class, TemporalStats.Totals.class,
                AvatarSettings.class);
    }
}
