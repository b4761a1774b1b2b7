package dropvault.client.internal;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.Cksum;
import java.io.IOException;
import java.io.InputStream;
import javax.crypto.BadPaddingException;

/**
 * Reads a plaintext stream of a known size, encrypts it and hands out its ciphertext in chunks of
 * the plan's size, computing the plaintext's cksum on the way. Holds about one chunk and one read
 * buffer, whatever the file's size; the ciphertext is copied once, into the caller's frame.
 */
final class CiphertextChunks {
    private static final int READ_BUFFER = 64 * 1024;

    private final InputStream in;
    private final AesCbcStream cipher;
    private final Cksum cksum = new Cksum();
    private final int chunk;
    private final byte[] readBuffer;
    private final byte[] pending;
    private int pendingStart;
    private int pendingLength;
    private long plaintextLeft;
    private boolean finished;

    CiphertextChunks(InputStream in, AesCbcStream cipher, PacketPlan plan) {
        this.in = in;
        this.cipher = cipher;
        this.chunk = plan.chunkSize();
        this.readBuffer = new byte[(int) Math.min(READ_BUFFER, Math.max(16, plan.originalSize()))];
        this.pending = new byte[chunk + readBuffer.length + 32];
        this.plaintextLeft = plan.originalSize();
    }

    /**
     * Copies the next chunk of ciphertext into {@code out} at {@code offset}; returns its length, 0
     * after the last.
     *
     * @throws LocalFileException when the file cannot be read or ends before its size
     */
    int next(byte[] out, int offset) throws LocalFileException {
        while (pendingLength - pendingStart < chunk && !finished) {
            fill();
        }
        int n = Math.min(chunk, pendingLength - pendingStart);
        System.arraycopy(pending, pendingStart, out, offset, n);
        pendingStart += n;
        return n;
    }

    int next(byte[] out) throws LocalFileException {
        return next(out, 0);
    }

    /** Room for one more read and its ciphertext at the end: only the unsent rest (under a chunk) moves down. */
    private void makeRoom() {
        if (pending.length - pendingLength >= readBuffer.length + 32) {
            return;
        }
        System.arraycopy(pending, pendingStart, pending, 0, pendingLength - pendingStart);
        pendingLength -= pendingStart;
        pendingStart = 0;
    }

    /** The cksum of the plaintext read so far: of the whole file once {@link #next} returned 0. */
    long cksum() {
        return cksum.value();
    }

    private void fill() throws LocalFileException {
        makeRoom();
        if (plaintextLeft == 0) {
            try {
                pendingLength += cipher.finish(pending, pendingLength);
            } catch (BadPaddingException e) {
                throw new IllegalStateException("encryption cannot fail on padding", e);
            }
            finished = true;
            return;
        }
        int r;
        try {
            r = in.read(readBuffer, 0, (int) Math.min(readBuffer.length, plaintextLeft));
        } catch (IOException e) {
            throw new LocalFileException("cannot read the file: " + e.getMessage(), e);
        }
        if (r < 0) {
            throw new LocalFileException("the file shrank while it was being sent (" + plaintextLeft + " bytes missing)", null);
        }
        plaintextLeft -= r;
        cksum.update(readBuffer, 0, r);
        pendingLength += cipher.update(readBuffer, 0, r, pending, pendingLength);
    }
}
