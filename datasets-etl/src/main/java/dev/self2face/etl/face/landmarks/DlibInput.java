package dev.self2face.etl.face.landmarks;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads dlib's serialization format (dlib/serialize.h), the parts a shape predictor uses. Written by hand because
 * no Java library reads dlib files.
 * <ul>
 *   <li>integers: a control byte (bit 7: negative for signed types; low 4 bits: byte count), then that many
 *       bytes, least significant first;</li>
 *   <li>floating point: two integers, mantissa (int64) then exponent (int16); the value is
 *       mantissa * 2^exponent (exponents 32000, 32001, 32002 mean +inf, -inf, NaN);</li>
 *   <li>{@code std::vector}: its size as an unsigned integer, then the elements;</li>
 *   <li>{@code matrix}: rows and columns as signed integers (negated in the current format), then the elements in
 *       row-major order.</li>
 * </ul>
 */
final class DlibInput {
    private final DataInputStream in;
    private long offset;

    DlibInput(InputStream in) {
        this.in = new DataInputStream(in);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("unexpected end of data at byte " + offset);
        }
        offset++;
        return b;
    }

    /** A signed integer of at most 8 bytes. */
    long readSigned() throws IOException {
        int control = readByte();
        if ((control & 0x70) != 0) {
            throw new IOException("not a dlib integer at byte " + (offset - 1) + " (control byte 0x"
                    + Integer.toHexString(control) + ")");
        }
        boolean negative = (control & 0x80) != 0;
        int size = control & 0x0F;
        if (size == 0 || size > 8) {
            throw new IOException("bad integer size " + size + " at byte " + (offset - 1));
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= ((long) readByte()) << (8 * i);
        }
        return negative ? -v : v;
    }

    /** An unsigned integer (dlib masks three reserved bits of the control byte). */
    long readUnsigned() throws IOException {
        int size = readByte() & 0x8F;
        if (size == 0 || size > 8) {
            throw new IOException("bad unsigned integer size " + size + " at byte " + (offset - 1));
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= ((long) readByte()) << (8 * i);
        }
        return v;
    }

    int readIndex() throws IOException {
        long v = readUnsigned();
        if (v > Integer.MAX_VALUE) {
            throw new IOException("index " + v + " too large at byte " + offset);
        }
        return (int) v;
    }

    float readFloat() throws IOException {
        long mantissa = readSigned();
        long exponent = readSigned();
        if (exponent == 32000) {
            return Float.POSITIVE_INFINITY;
        }
        if (exponent == 32001) {
            return Float.NEGATIVE_INFINITY;
        }
        if (exponent == 32002) {
            return Float.NaN;
        }
        return (float) Math.scalb((double) mantissa, (int) exponent);
    }

    /** A column vector {@code matrix<float,0,1>}. */
    float[] readColumn() throws IOException {
        long rows = Math.abs(readSigned());
        long cols = Math.abs(readSigned());
        if (cols != 1 && rows != 0) {
            throw new IOException("expected a column vector, got " + rows + "x" + cols + " at byte " + offset);
        }
        float[] v = new float[(int) rows];
        for (int i = 0; i < v.length; i++) {
            v[i] = readFloat();
        }
        return v;
    }
}
