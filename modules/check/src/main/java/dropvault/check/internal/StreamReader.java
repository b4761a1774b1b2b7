package dropvault.check.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;

/**
 * Reads a client's bytes greedily and remembers where each {@code read} ended: a read that ends
 * exactly where a message's header (or an 828's fixed fields, or its name) ends while the rest of
 * the message is still to come shows a message written in pieces (PROTOCOL.md §1 wants one write).
 */
final class StreamReader {
    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    /** Stream offset of buf[0]. */
    private long base;
    private final ArrayDeque<Long> readEnds = new ArrayDeque<>();
    private final java.util.function.IntConsumer onRead;

    StreamReader(InputStream in) {
        this(in, n -> { });
    }

    /** {@code onRead} hears how many bytes each read brought. */
    StreamReader(InputStream in, java.util.function.IntConsumer onRead) {
        this.in = in;
        this.onRead = onRead;
    }

    /** Stream offset of the next byte. */
    long offset() {
        return base + pos;
    }

    /**
     * Exactly {@code n} bytes into {@code out}; {@link EOFException} when the stream ends (with
     * {@code clean} when it ends before the first byte), {@link StepTimeoutException} on silence.
     */
    void read(byte[] out, int off, int n, String what) throws IOException {
        int done = 0;
        while (done < n) {
            if (pos == lim) {
                fill(what, done);
            }
            int k = Math.min(n - done, lim - pos);
            System.arraycopy(buf, pos, out, off + done, k);
            pos += k;
            done += k;
        }
    }

    private void fill(String what, int done) throws IOException {
        base += lim;
        pos = 0;
        lim = 0;
        int r;
        try {
            r = in.read(buf, 0, buf.length);
        } catch (SocketTimeoutException e) {
            throw new StepTimeoutException("the client sent no " + what + (done > 0 ? " (after " + done + " bytes)" : ""));
        }
        if (r < 0) {
            throw done == 0 ? new CleanEof() : new EOFException("the client closed after " + done + " bytes of " + what);
        }
        lim = r;
        onRead.accept(r);
        if (r < buf.length) {
            // a read that filled the buffer ended where the buffer did, not where the client's write did
            readEnds.addLast(base + r);
        }
        while (readEnds.size() > 64) {
            readEnds.removeFirst();
        }
    }

    /** True when one read ended exactly at stream offset {@code at}, with more bytes read after it. */
    boolean readEndedAt(long at) {
        return readEnds.contains(at) && at < base + lim;
    }

    /** Waits (up to the socket's timeout) for more bytes without taking them; a timeout is thrown. */
    boolean awaitData() throws IOException {
        if (pos < lim) {
            return true;
        }
        fill("bytes", 0);
        return true;
    }

    /** True when bytes are waiting (read, or in the socket's buffer). */
    boolean hasPending() throws IOException {
        return pos < lim || in.available() > 0;
    }

    /** The stream ended before the first byte of a message. */
    static final class CleanEof extends EOFException {
        private static final long serialVersionUID = 1L;

        CleanEof() {
            super("the client closed the connection");
        }
    }
}
