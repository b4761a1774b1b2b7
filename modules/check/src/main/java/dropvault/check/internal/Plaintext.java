package dropvault.check.internal;

import dropvault.crypto.Cksum;
import java.util.SplittableRandom;

/**
 * A file's content made up on the fly from a seed, 64 KiB block by block, so that a 100 MiB upload
 * (and its resend) never sits in memory.
 */
final class Plaintext {
    private static final int BLOCK = 64 * 1024;

    private final long size;
    private final long seed;
    private long cksum = -1;

    Plaintext(long size, long seed) {
        this.size = size;
        this.seed = seed;
    }

    long size() {
        return size;
    }

    /** Reads from the start, in any chunking. */
    Reader reader() {
        return new Reader();
    }

    /** POSIX cksum of the content (PROTOCOL.md §4). */
    synchronized long cksum() {
        if (cksum < 0) {
            Cksum c = new Cksum();
            Reader r = reader();
            byte[] buf = new byte[BLOCK];
            int n;
            while ((n = r.read(buf, 0, buf.length)) > 0) {
                c.update(buf, 0, n);
            }
            cksum = c.value();
        }
        return cksum;
    }

    /** zlib's CRC-32 of the content, which one server in the wild sends in 1603 (PROTOCOL.md §8). */
    long crc32() {
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        Reader r = reader();
        byte[] buf = new byte[BLOCK];
        int n;
        while ((n = r.read(buf, 0, buf.length)) > 0) {
            c.update(buf, 0, n);
        }
        return c.getValue();
    }

    final class Reader {
        private final byte[] block = new byte[BLOCK];
        private long position;
        private long blockIndex = -1;

        /** Up to {@code len} bytes; 0 at the end. */
        int read(byte[] out, int off, int len) {
            int done = 0;
            while (done < len && position < size) {
                long index = position / BLOCK;
                if (index != blockIndex) {
                    new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + index).nextBytes(block);
                    blockIndex = index;
                }
                int at = (int) (position % BLOCK);
                int n = (int) Math.min(Math.min(len - done, BLOCK - at), size - position);
                System.arraycopy(block, at, out, off + done, n);
                done += n;
                position += n;
            }
            return done;
        }
    }
}
