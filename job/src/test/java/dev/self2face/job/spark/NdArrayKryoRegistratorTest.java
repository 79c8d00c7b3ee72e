package dev.self2face.job.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag$;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** ND4J arrays through Spark's Kryo with the training job's registrators: the bulk serializer is the one used, and
 * every kind of array the job sends comes back equal (views, F order, other types, scalars, empty arrays). */
class NdArrayKryoRegistratorTest {
    static KryoSerializer serializer() {
        return new KryoSerializer(new SparkConf().set("spark.kryo.registrator",
                JobKryoRegistrator.class.getName()));
    }

    @Test
    void replacesNd4jKryosElementWiseSerializer() {
        Kryo kryo = serializer().newKryo();
        assertInstanceOf(NdArrayKryoRegistrator.BulkSerializer.class,
                kryo.getRegistration(Nd4j.getBackend().getNDArrayClass()).getSerializer());
    }

    @Test
    void arraysComeBackEqual() {
        SerializerInstance s = serializer().newInstance();
        INDArray big = Nd4j.rand(DataType.FLOAT, 3, 1_000_001); // several chunks
        INDArray matrix = Nd4j.rand(DataType.DOUBLE, 5, 7);
        List<INDArray> arrays = List.of(
                big,
                matrix,
                matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5)), // a view
                Nd4j.rand(DataType.FLOAT, 'f', 4, 6), // F order
                Nd4j.linspace(DataType.INT, 1, 24, 1).reshape(2, 3, 4),
                Nd4j.scalar(3.5f),
                Nd4j.create(new boolean[] {true, false, true}, new long[] {3}, DataType.BOOL),
                Nd4j.empty(DataType.FLOAT));
        for (INDArray a : arrays) {
            INDArray back = roundTrip(s, a);
            assertEquals(a.dataType(), back.dataType(), a.shapeInfoToString());
            assertArrayEquals(a.shape(), back.shape(), a.shapeInfoToString());
            assertEquals(a, back, a.shapeInfoToString());
        }
    }

    static INDArray roundTrip(SerializerInstance s, INDArray a) {
        Object o = s.deserialize(s.serialize(a, ClassTag$.MODULE$.apply(INDArray.class)),
                ClassTag$.MODULE$.apply(INDArray.class));
        return (INDArray) o;
    }
}
