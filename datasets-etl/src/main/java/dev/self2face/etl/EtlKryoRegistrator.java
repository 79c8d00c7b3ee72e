package dev.self2face.etl;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.self2face.etl.identity.FaceDescriptions;
import dev.self2face.etl.identity.IdentityFilter;
import dev.self2face.etl.video.Segment;
import dev.self2face.etl.video.VideoInfo;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Spark's Kryo (4.x) cannot serialize Java records field by field, so the ETL's records travel with Kryo's Java
 * serialization bridge. The job's registrator calls this one.
 */
public class EtlKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        JavaSerializer java = new JavaSerializer();
        for (Class<?> c : new Class<?>[] {
            VideoInfo.class, Segment.class, Prober.Input.class, Prober.Result.class, Dedupe.Item.class,
            FaceDescriptions.Crop.class, SegmentOutput.Candidate.class, SegmentOutput.Stats.class,
            SegmentOutput.Reject.class,
            IdentityFilter.Face.class}) {
            kryo.register(c, java);
        }
    }
}
