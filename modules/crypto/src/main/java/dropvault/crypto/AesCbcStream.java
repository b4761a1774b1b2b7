package dropvault.crypto;

import java.nio.ByteBuffer;
import javax.crypto.BadPaddingException;

/**
 * One direction of AES-256-CBC over a stream of chunks: feed any chunking with {@link #update},
 * then {@link #finish} once. Never holds more than a block or two of the stream. Not thread-safe.
 */
public interface AesCbcStream {

    /** The most bytes {@link #update} may produce for {@code inputLength} bytes of input. */
    int updateOutputSize(int inputLength);

    /** Processes {@code len} bytes; returns how many were written to {@code out} at {@code outOff}. */
    int update(byte[] in, int off, int len, byte[] out, int outOff);

    /**
     * Ends the stream: writes the last bytes (up to 32) to {@code out} and returns how many.
     *
     * @throws BadPaddingException when decrypting and the stream does not end in valid PKCS#7
     *                             padding, or its length is not a whole number of blocks
     */
    int finish(byte[] out, int outOff) throws BadPaddingException;

    /**
     * Processes {@code in}'s remaining bytes into {@code out} from its position, heap or direct
     * buffers; both positions advance. Returns how many bytes were written.
     *
     * @throws IllegalArgumentException when {@code out} has less room than {@link #updateOutputSize}
     */
    default int update(ByteBuffer in, ByteBuffer out) {
        int len = in.remaining();
        if (out.remaining() < updateOutputSize(len)) {
            throw new IllegalArgumentException("output buffer too small: " + updateOutputSize(len) + " bytes may come out, "
                    + out.remaining() + " fit");
        }
        int n;
        if (in.hasArray() && out.hasArray()) {
            n = update(in.array(), in.arrayOffset() + in.position(), len, out.array(), out.arrayOffset() + out.position());
        } else {
            byte[] plain = new byte[len];
            in.get(in.position(), plain);
            byte[] produced = update(plain, 0, len);
            out.put(out.position(), produced);
            n = produced.length;
        }
        in.position(in.limit());
        out.position(out.position() + n);
        return n;
    }

    /**
     * {@link #finish(byte[], int)} into {@code out} from its position, which advances.
     *
     * @throws IllegalArgumentException when {@code out} has less room than the last bytes
     */
    default int finish(ByteBuffer out) throws BadPaddingException {
        byte[] last = finish();
        if (out.remaining() < last.length) {
            throw new IllegalArgumentException("output buffer too small: " + last.length + " bytes came out, "
                    + out.remaining() + " fit");
        }
        out.put(last);
        return last.length;
    }

    /**
     * Whether the buffer methods work on direct buffers in place, with no copy into the Java heap
     * (native code reading and writing them): then a caller gains by keeping its data off the heap.
     */
    default boolean inPlaceOnDirectBuffers() {
        return false;
    }

    /** {@link #update} into a new array. */
    default byte[] update(byte[] in, int off, int len) {
        byte[] out = new byte[updateOutputSize(len)];
        int n = update(in, off, len, out, 0);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** {@link #finish} into a new array. */
    default byte[] finish() throws BadPaddingException {
        byte[] out = new byte[32];
        return java.util.Arrays.copyOf(out, finish(out, 0));
    }
}
