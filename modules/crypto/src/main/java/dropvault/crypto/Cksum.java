package dropvault.crypto;

/**
 * The POSIX {@code cksum} (CRC-32, polynomial 0x04C11DB7, MSB first, initial 0, then the length
 * LSB first, complemented), over a stream: {@link #update} with chunks in order, then
 * {@link #value()}. Slicing-by-8: eight table lookups per eight bytes.
 */
public final class Cksum {
    private static final int[][] T = tables();

    private int crc;
    private long length;

    public static long of(byte[] data) {
        Cksum c = new Cksum();
        c.update(data, 0, data.length);
        return c.value();
    }

    public void update(byte[] b) {
        update(b, 0, b.length);
    }

    public void update(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        length += len;
        int c = crc;
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
        crc = c;
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

    private static int[][] tables() {
        int[][] t = new int[8][256];
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000_0000) != 0 ? (c << 1) ^ 0x04C1_1DB7 : c << 1;
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
