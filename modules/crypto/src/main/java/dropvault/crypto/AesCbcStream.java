package dropvault.crypto;

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
