package dev.self2face.job.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Kryo serialization of ND4J arrays by bulk copy of their memory. Called after nd4j-kryo's {@code Nd4jRegistrator}
 * (by {@link JobKryoRegistrator}), it replaces that registrator's serializer for the backend's array class. Written by hand because nd4j-kryo's serializer goes through {@code Nd4j.write/read}, a
 * {@code DataOutputStream} one element at a time: profiled in an executor, reading a pix2pix-128 broadcast (parameters
 * and Adam state, 448 MB) spent seconds in {@code DataInputStream.readFloat}, every round, in every executor and again
 * on the driver for the results. Empty arrays and non-numeric types keep the element-wise path.
 */
public final class NdArrayKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(Nd4j.getBackend().getNDArrayClass(), new BulkSerializer());
    }

    /** Data type, shape, then the elements' bytes in C order (native byte order, recorded and checked). */
    static final class BulkSerializer extends Serializer<INDArray> {
        private static final byte ELEMENTWISE = 0;
        private static final byte BULK = 1;
        private static final byte EMPTY = 2;
        private static final int CHUNK = 1 << 20;

        @Override
        public void write(Kryo kryo, Output out, INDArray a) {
            if (a.isEmpty()) { // Nd4j.write/read fail on these (EOFException)
                out.writeByte(EMPTY);
                out.writeString(a.dataType().name());
                writeShape(out, a.shape());
                return;
            }
            if (!a.dataType().isNumerical() && a.dataType() != DataType.BOOL) {
                out.writeByte(ELEMENTWISE);
                try {
                    Nd4j.write(a, new DataOutputStream(out));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
            INDArray c = a.isView() || a.ordering() != 'c' || a.data().offset() != 0
                    || a.data().length() != a.length() ? a.dup('c') : a;
            Nd4j.getAffinityManager().ensureLocation(c, AffinityManager.Location.HOST);
            out.writeByte(BULK);
            out.writeBoolean(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
            out.writeString(c.dataType().name());
            writeShape(out, c.shape());
            ByteBuffer src = bytes(c);
            byte[] chunk = new byte[(int) Math.min(CHUNK, src.remaining())];
            while (src.hasRemaining()) {
                int n = Math.min(chunk.length, src.remaining());
                src.get(chunk, 0, n);
                out.writeBytes(chunk, 0, n);
            }
        }

        @Override
        public INDArray read(Kryo kryo, Input in, Class<INDArray> type) {
            byte kind = in.readByte();
            if (kind == ELEMENTWISE) {
                return Nd4j.read(new DataInputStream(in));
            }
            if (kind == EMPTY) {
                DataType dataType = DataType.valueOf(in.readString());
                long[] shape = readShape(in);
                return shape.length == 0 ? Nd4j.empty(dataType) : Nd4j.create(dataType, shape);
            }
            boolean littleEndian = in.readBoolean();
            if (littleEndian != (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN)) {
                throw new IllegalStateException("ND4J array written on a machine of the other byte order");
            }
            DataType dataType = DataType.valueOf(in.readString());
            INDArray a = Nd4j.createUninitialized(dataType, readShape(in), 'c');
            ByteBuffer dst = bytes(a);
            byte[] chunk = new byte[(int) Math.min(CHUNK, dst.remaining())];
            while (dst.hasRemaining()) {
                int n = Math.min(chunk.length, dst.remaining());
                in.readBytes(chunk, 0, n);
                dst.put(chunk, 0, n);
            }
            Nd4j.getAffinityManager().tagLocation(a, AffinityManager.Location.HOST);
            return a;
        }

        private static void writeShape(Output out, long[] shape) {
            out.writeInt(shape.length);
            for (long s : shape) {
                out.writeLong(s);
            }
        }

        private static long[] readShape(Input in) {
            long[] shape = new long[in.readInt()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = in.readLong();
            }
            return shape;
        }

        /** The array's elements as bytes (the whole buffer of a C-ordered array that is not a view). */
        private static ByteBuffer bytes(INDArray a) {
            long n = a.length() * a.dataType().width();
            ByteBuffer b = a.data().asNio().order(ByteOrder.nativeOrder());
            if (b.capacity() < n) {
                throw new IllegalStateException("ND4J buffer of " + b.capacity() + " bytes for " + n);
            }
            b.position(0).limit((int) n);
            return b;
        }
    }
}
