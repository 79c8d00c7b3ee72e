package dev.self2face.job.spark;

import com.esotericsoftware.kryo.Kryo;
import dev.self2face.etl.EtlKryoRegistrator;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * The Kryo registrations every session of the job needs, in one registrator: the ETL's records, nd4j-kryo's ND4J
 * classes, then the bulk array serializer that replaces nd4j-kryo's element-wise one (order matters). A service
 * that sends records of its own adds its registrator to its session ({@link JobSpark#start}).
 */
public final class JobKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        new EtlKryoRegistrator().registerClasses(kryo);
        new Nd4jRegistrator().registerClasses(kryo);
        new NdArrayKryoRegistrator().registerClasses(kryo);
    }
}
