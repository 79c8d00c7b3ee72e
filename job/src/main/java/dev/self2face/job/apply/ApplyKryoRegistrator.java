package dev.self2face.job.apply;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * The records this package sends through Spark (the avatar's segment tasks and their results), for Kryo: added to the
 * session's registrators by the avatar's own session ({@link AvatarSegments}), after the job's.
 */
public final class ApplyKryoRegistrator implements KryoRegistrator {
    /** Records travel with Kryo's Java serialization bridge: Spark's Kryo cannot set a record's fields. */
    @Override
    public void registerClasses(Kryo kryo) {
        JavaSerializer java = new JavaSerializer();
        for (Class<?> c : new Class<?>[] {AvatarSegments.Task.class, AvatarVideo.Result.class,
                TemporalStats.Totals.class, AvatarSettings.class}) {
            kryo.register(c, java);
        }
    }
}
