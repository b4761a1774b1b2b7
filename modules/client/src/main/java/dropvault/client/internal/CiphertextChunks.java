package dropvault.client.internal;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.Cksum;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import javax.crypto.BadPaddingException;

/**
 * Reads a plaintext stream of a known size, encrypts it and hands out its ciphertext in chunks of
 * the plan's size; {@link ReadAhead} reads the file and computes the plaintext's cksum on a thread
 * of its own. Holds about 2 MiB whatever the file's size. Direct (for a cipher that works in place
 * on native memory), the plaintext is read into direct buffers and never enters the Java heap.
 *
 * <p>The cipher writes straight into the caller's buffer when it has {@link #SLACK} bytes of room
 * past the chunk (a {@link dropvault.protocol.PacketFrame} has): a cipher that releases a block it
 * held back (Bouncy Castle's does) may write that much more than it was fed, and what goes past
 * the chunk waits for the next one. Without that room, each piece goes through a small staging buffer.
 */
final class CiphertextChunks implements AutoCloseable {
    /** Room past a chunk that lets the cipher write into the caller's buffer: a held-back block and the padding. */
    static final int SLACK = dropvault.protocol.PacketFrame.SLACK;
    private static final int STAGING_BYTES = 16 * 1024;
    /** Plaintext bytes a read of the file at most: fewer system calls, the same 2 MiB read ahead. */
    private static final int READ_BYTES = 256 * 1024;

    private static final long EMPTY_CKSUM = Cksum.of(new byte[0]);

    private final ReadAhead reader;
    private final AesCbcStream cipher;
    private final int chunk;
    private final boolean direct;
    private ByteBuffer plain;
    private int plainStart;
    private int plainEnd;
    private long plaintextLeft;
    private long ciphertextLeft;
    private ByteBuffer staging;
    /** Ciphertext the cipher wrote past the end of the last chunk, handed out first. */
    private final byte[] carry = new byte[2 * SLACK];
    private int carryLength;
    private boolean finished;

    /** Starts reading {@code in} ahead, on a thread of its own, unless the file is empty. */
    CiphertextChunks(ReadableByteChannel in, String path, AesCbcStream cipher, PacketPlan plan, boolean direct) {
        this.cipher = cipher;
        this.chunk = plan.chunkSize();
        this.direct = direct;
        // whole chunks a block, so a slice handed to the cipher is a chunk, not a piece of one
        int reads = (int) Math.min(Math.max(1, READ_BYTES / chunk), Math.max(1, plan.originalSize() / chunk + 1));
        int block = (int) Math.max(16, Math.min((long) reads * chunk, Math.max(16, plan.originalSize())));
        this.reader = plan.originalSize() == 0 ? null : new ReadAhead(in, path, plan.originalSize(), block, direct);
        this.plain = ByteBuffer.allocate(0);
        this.plaintextLeft = plan.originalSize();
        this.ciphertextLeft = plan.contentSize();
    }

    CiphertextChunks(ReadableByteChannel in, AesCbcStream cipher, PacketPlan plan, boolean direct) {
        this(in, "the file", cipher, plan, direct);
    }

    /**
     * Puts the next chunk of ciphertext into {@code out} at {@code offset} (heap or direct; its
     * position and limit are left alone, its capacity is the room); returns its length, 0 after the last.
     *
     * @throws LocalFileException when the file cannot be read or ends before its size
     */
    int next(ByteBuffer out, int offset) throws LocalFileException {
        int need = (int) Math.min(chunk, ciphertextLeft);
        int got = Math.min(carryLength, need);
        out.put(offset, carry, 0, got);
        System.arraycopy(carry, got, carry, 0, carryLength - got);
        carryLength -= got;
        while (got < need) {
            if (finished) {
                throw new IllegalStateException("the cipher gave " + (need - got) + " bytes fewer than the plan");
            }
            int fed = plaintextLeft + (plainEnd - plainStart) == 0 ? 0 : take(need - got);
            int room = out.capacity() - offset - got;
            boolean inPlace = room >= fed + SLACK;
            ByteBuffer to = inPlace ? out.slice(offset + got, room) : staging(fed);
            int produced = fed == 0 ? finish(to) : cipher.update(plain.slice(plainStart - fed, fed), to);
            int kept = Math.min(produced, need - got);
            if (!inPlace) {
                out.put(offset + got, to, 0, kept);
            }
            to.get(kept, carry, carryLength, produced - kept);
            carryLength += produced - kept;
            got += kept;
        }
        ciphertextLeft -= need;
        return need;
    }

    int next(byte[] out, int offset) throws LocalFileException {
        return next(ByteBuffer.wrap(out), offset);
    }

    int next(byte[] out) throws LocalFileException {
        return next(out, 0);
    }

    /** The cksum of the plaintext: of the whole file once {@link #next} returned 0. */
    long cksum() {
        return reader == null ? EMPTY_CKSUM : reader.cksum();
    }

    /** zlib's CRC-32 of the plaintext: of the whole file once {@link #next} returned 0. */
    long crc32() {
        return reader == null ? 0 : reader.crc32();
    }

    /** Stops reading ahead (when the upload ends before the file). */
    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }

    /** Makes up to {@code wanted} plaintext bytes ready, ending at {@code plainStart}; returns how many. */
    private int take(int wanted) throws LocalFileException {
        if (plainStart == plainEnd) {
            fill();
        }
        int n = Math.min(wanted, plainEnd - plainStart);
        plainStart += n;
        return n;
    }

    private int finish(ByteBuffer to) {
        finished = true;
        try {
            return cipher.finish(to);
        } catch (BadPaddingException e) {
            throw new IllegalStateException("encryption cannot fail on padding", e);
        }
    }

    /** A buffer for one piece of ciphertext, its position 0 and its capacity the room. */
    private ByteBuffer staging(int fed) {
        if (staging == null || staging.capacity() < fed + SLACK) {
            int size = Math.max(fed, STAGING_BYTES) + SLACK;
            staging = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        }
        return staging.clear();
    }

    private void fill() throws LocalFileException {
        ByteBuffer b = reader.next();
        plain = b;
        plainStart = 0;
        plainEnd = b.limit();
        plaintextLeft -= b.limit();
    }
}
