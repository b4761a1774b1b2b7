package dropvault.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The POSIX {@code cksum} (CRC-32, polynomial 0x04C11DB7, MSB first, initial 0, then the length
 * LSB first, complemented), over a stream: {@link #update} with chunks in order, then
 * {@link #value()}. Not thread-safe.
 *
 * <p>Large chunks go through {@link CRC32}, which the JVM runs with carry-less multiplication.
 * It computes the same polynomial reflected (LSB first) from an initial value of all ones, so
 * each block is copied with the bits of every byte reversed, and the result is brought back:
 * reversing the register undoes the reflection, and because a CRC is affine in its initial
 * value, {@code crc(c, m) = crc(~0, m) ^ (c ^ ~0) * x^(8 |m|) mod P} moves it from all ones to
 * the running value {@code c}. Small chunks and the length go through slicing-by-8 tables.
 */
public final class Cksum {
    private static final int POLY = 0x04C1_1DB7;
    private static final int[][] T = tables();
    /** Below this many bytes a chunk is cheaper through the tables than through the block copy. */
    private static final int TABLE_MAX = 128;
    private static final int BLOCK = 16 * 1024;
    /** x^(8 * 2^i) mod P, for moving a register over 2^i bytes. */
    private static final int[] X_POW_8_2I = powers();
    private static final int X_POW_BLOCK = xPow8(BLOCK);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private int crc;
    private long length;
    private byte[] reversed;
    private CRC32 reflected;

    public static long of(byte[] data) {
        Cksum c = new Cksum();
        c.update(data, 0, data.length);
        return c.value();
    }

    /**
     * The cksum of {@code size} bytes made of {@code block} repeated (the last copy cut short), in
     * time that grows with the number of copies, not their bytes: each copy moves the register by
     * the same affine map, {@code c -> crc(0, block) ^ c * x^(8 |block|) mod P}.
     */
    public static long ofRepeated(byte[] block, long size) {
        if (size < 0 || (block.length == 0 && size > 0)) {
            throw new IllegalArgumentException(size + " bytes of a " + block.length + "-byte block");
        }
        Cksum c = new Cksum();
        if (size == 0) {
            return c.value();
        }
        c.update(block);
        int once = c.crc;
        int shift = xPow8(block.length);
        long copies = size / block.length;
        int register = 0;
        for (long i = 0; i < copies; i++) {
            register = once ^ multiply(register, shift);
        }
        c.crc = register;
        c.length = copies * block.length;
        c.update(block, 0, (int) (size - c.length));
        return c.value();
    }

    public void update(byte[] b) {
        update(b, 0, b.length);
    }

    public void update(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        length += len;
        if (len < TABLE_MAX) {
            crc = tables(crc, b, off, len);
            return;
        }
        scratch();
        int c = crc;
        for (int done = 0; done < len; ) {
            int n = Math.min(BLOCK, len - done);
            System.arraycopy(b, off + done, reversed, 0, n);
            c = reversedBlock(c, n);
            done += n;
        }
        crc = c;
    }

    /** Adds {@code b}'s remaining bytes (a heap or a direct buffer) and moves its position to its limit. */
    public void update(java.nio.ByteBuffer b) {
        int len = b.remaining();
        int at = b.position();
        if (b.hasArray()) {
            update(b.array(), b.arrayOffset() + at, len);
        } else {
            length += len;
            scratch();
            int c = crc;
            for (int done = 0; done < len; ) {
                int n = Math.min(BLOCK, len - done);
                b.get(at + done, reversed, 0, n);
                c = n < TABLE_MAX ? tables(c, reversed, 0, n) : reversedBlock(c, n);
                done += n;
            }
            crc = c;
        }
        b.position(at + len);
    }

    private void scratch() {
        if (reversed == null) {
            reversed = new byte[BLOCK];
            reflected = new CRC32();
        }
    }

    /** {@code crc} after the first {@code n} bytes of {@link #reversed}, which it overwrites. */
    private int reversedBlock(int crc, int n) {
        reverseBits(reversed, n);
        reflected.reset();
        reflected.update(reversed, 0, n);
        int fromOnes = Integer.reverse(~(int) reflected.getValue());
        return fromOnes ^ multiply(~crc, n == BLOCK ? X_POW_BLOCK : xPow8(n));
    }

    /** Bytes fed so far. */
    public long length() {
        return length;
    }

    /** The cksum of everything fed so far, as {@code cksum} prints it; feeding may go on after. */
    public long value() {
        int c = crc;
        for (long n = length; n != 0; n >>>= 8) {
            c = (c << 8) ^ T[0][((c >>> 24) ^ (int) n) & 0xFF];
        }
        return Integer.toUnsignedLong(~c);
    }

    /** Reverses in place from 0 what the caller copied there: C2 vectorizes that loop, not one reading at an offset. */
    private static void reverseBits(byte[] to, int n) {
        int whole = n & ~7;
        for (int i = 0; i < whole; i += 8) {
            LONGS.set(to, i, Long.reverseBytes(Long.reverse((long) LONGS.get(to, i))));
        }
        for (int i = whole; i < n; i++) {
            to[i] = (byte) (Integer.reverse(to[i]) >>> 24);
        }
    }

    private static int tables(int c, byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        int[] t0 = T[0], t1 = T[1], t2 = T[2], t3 = T[3], t4 = T[4], t5 = T[5], t6 = T[6], t7 = T[7];
        while (end - i >= 8) {
            int hi = c ^ ((b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF));
            c = t7[hi >>> 24] ^ t6[(hi >>> 16) & 0xFF] ^ t5[(hi >>> 8) & 0xFF] ^ t4[hi & 0xFF]
                    ^ t3[b[i + 4] & 0xFF] ^ t2[b[i + 5] & 0xFF] ^ t1[b[i + 6] & 0xFF] ^ t0[b[i + 7] & 0xFF];
            i += 8;
        }
        while (i < end) {
            c = (c << 8) ^ t0[((c >>> 24) ^ b[i++]) & 0xFF];
        }
        return c;
    }

    /** a * b mod P, MSB-first polynomials (bit 31 is x^31). */
    static int multiply(int a, int b) {
        int p = 0;
        for (int bit = 31; bit >= 0; bit--) {
            p = (p << 1) ^ (p < 0 ? POLY : 0);
            if ((a >>> bit & 1) != 0) {
                p ^= b;
            }
        }
        return p;
    }

    /** x^(8n) mod P. */
    static int xPow8(long n) {
        int r = 1;
        for (int i = 0; n != 0; i++, n >>>= 1) {
            if ((n & 1) != 0) {
                r = multiply(r, X_POW_8_2I[i]);
            }
        }
        return r;
    }

    private static int[] powers() {
        int[] p = new int[64];
        p[0] = 1 << 8;
        for (int i = 1; i < p.length; i++) {
            p[i] = multiply(p[i - 1], p[i - 1]);
        }
        return p;
    }

    private static int[][] tables() {
        int[][] t = new int[8][256];
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000_0000) != 0 ? (c << 1) ^ POLY : c << 1;
            }
            t[0][i] = c;
        }
        for (int i = 0; i < 256; i++) {
            for (int k = 1; k < 8; k++) {
                t[k][i] = (t[k - 1][i] << 8) ^ t[0][t[k - 1][i] >>> 24];
            }
        }
        return t;
    }
}
