package dropvault.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Unsigned little-endian fields in byte arrays. */
final class LittleEndian {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    static long u32(byte[] b, int off) {
        return Integer.toUnsignedLong((int) INT.get(b, off));
    }

    static int u16(byte[] b, int off) {
        return Short.toUnsignedInt((short) SHORT.get(b, off));
    }

    static void putU32(byte[] b, int off, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a u32: " + v);
        }
        INT.set(b, off, (int) v);
    }

    static void putU16(byte[] b, int off, int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("not a u16: " + v);
        }
        SHORT.set(b, off, (short) v);
    }
}
