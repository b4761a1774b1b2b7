package dropvault.bench.internal;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.Cksum;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * The generated file every session uploads: a 64 KiB block of seeded random bytes repeated to
 * {@code size} bytes, and its cksum, computed before the clock starts. Immutable; shared by all
 * clients.
 */
final class Plaintext {
    private static final int BLOCK = 64 * 1024;

    private final byte[] block;
    private final long size;
    private final long cksum;

    Plaintext(long size, long seed) {
        this.size = size;
        this.block = new byte[BLOCK];
        new Random(seed).nextBytes(block);
        this.cksum = Cksum.ofRepeated(block, size);
    }

    long size() {
        return size;
    }

    long cksum() {
        return cksum;
    }

    /**
     * Encrypts the {@code len} bytes of the file at {@code offset} straight from the block into
     * {@code target}; returns the ciphertext bytes written.
     */
    int encrypt(long offset, int len, AesCbcStream encryptor, ByteBuffer target, int targetOffset) {
        int done = 0;
        int written = 0;
        while (done < len) {
            int at = (int) ((offset + done) % BLOCK);
            int n = Math.min(len - done, BLOCK - at);
            int to = targetOffset + written;
            written += encryptor.update(ByteBuffer.wrap(block, at, n), target.slice(to, target.capacity() - to));
            done += n;
        }
        return written;
    }

    /** Copies the {@code len} bytes of the file at {@code offset} into {@code target}. */
    void copy(long offset, byte[] target, int targetOffset, int len) {
        int done = 0;
        while (done < len) {
            int at = (int) ((offset + done) % BLOCK);
            int n = Math.min(len - done, BLOCK - at);
            System.arraycopy(block, at, target, targetOffset + done, n);
            done += n;
        }
    }
}
