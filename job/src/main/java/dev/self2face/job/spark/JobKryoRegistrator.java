package dev.self2face.job.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.self2face.etl.EtlKryoRegistrator;
import dev.self2face.job.apply.ApplyKryoClasses;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * Every Kryo registration the job's Spark work needs, in one registrator: the ETL's and the avatar's records,
 * nd4j-kryo's ND4J classes, then the bulk array serializer that replaces nd4j-kryo's element-wise one (order
 * matters).
 */
public final class JobKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        new EtlKryoRegistrator().registerClasses(kryo);
        JavaSerializer java = new JavaSerializer();
        for (Class<?> c : ApplyKryoClasses.records()) {
            kryo.register(c, java);
        }
        new Nd4jRegistrator().registerClasses(kryo);
        new NdArrayKryoRegistrator().registerClasses(kryo);
    }
}
