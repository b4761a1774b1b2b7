package dropvault.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The socket's input with a deadline per frame: from the moment the server waits for a frame to its
 * last byte, at most the idle timeout may pass. A read timeout alone would let a peer that trickles
 * one byte a second hold a connection forever. A {@link Pace} may judge the peer besides, at each
 * read from the socket and when it asks to be woken.
 */
final class FrameDeadlineInputStream extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final long timeoutNanos;
    private long deadline;
    private boolean armed;
    /** While a streamed packet's data arrive: every read that brings bytes starts the clock again. */
    private boolean rolling;
    /** A byte {@link #awaitByte} read ahead, or -1. */
    private int pending = -1;
    private boolean ended;
    /** Bytes read ahead from the socket, once {@link #readAhead} turned it on: {@code [start, end)}. */
    private byte[] ahead;
    private int aheadStart;
    private int aheadEnd;
    /** Bytes read from the socket so far. */
    private long received;
    private Pace pace;
    private final byte[] one = new byte[1];

    FrameDeadlineInputStream(Socket socket, long timeoutNanos) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.timeoutNanos = timeoutNanos;
    }

    /** Judges how the peer's bytes arrive while a frame is awaited, besides its deadline. */
    interface Pace {
        /**
         * @param received bytes read from the socket so far
         * @return nanoseconds until it wants to judge again, even if no byte comes; {@link Long#MAX_VALUE}: not before the next one
         * @throws IOException when the peer is too slow: the read fails with it
         */
        long check(long received) throws IOException;
    }

    /** From now on {@code p} judges every read from the socket while a frame is awaited. */
    void pace(Pace p) {
        this.pace = p;
    }

    /** Bytes read from the socket so far (read ahead or not). */
    long received() {
        return received;
    }

    /**
     * From now on, reads take what the socket has, up to {@code bytes}, and hand it out from there: a
     * frame's header and payload then come with one read call, and a peer slower than the server
     * wakes it once for all it sent meanwhile rather than once for each read. For connections that
     * stream a large upload (a few at once); others hold no buffer while they wait.
     */
    void readAhead(int bytes) {
        if (ahead == null) {
            ahead = new byte[bytes];
        }
    }

    /** Starts the clock for the next frame. */
    void startFrame() {
        deadline = System.nanoTime() + timeoutNanos;
        armed = true;
    }

    /**
     * Starts the clock for the data of a streamed packet, which its handler reads: each read must bring
     * bytes within the idle timeout (and the pace judges the whole), however long the data take in all.
     */
    void startStream() {
        startFrame();
        rolling = true;
    }

    /** Stops the clock while a handler works on the frame. */
    void endFrame() {
        armed = false;
        rolling = false;
    }

    /** Sets the read's timeout: true when it is the pace's, shorter than what is left of the frame's. */
    private boolean beforeRead() throws IOException {
        if (!armed) {
            return false;
        }
        long paceNanos = pace == null ? Long.MAX_VALUE : pace.check(received);
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
            throw new SocketTimeoutException("a frame took longer than the idle timeout to arrive");
        }
        long paceMillis = paceNanos == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, Math.ceilDiv(paceNanos, 1_000_000));
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.min(leftMillis, paceMillis)));
        return paceMillis < leftMillis;
    }

    /** One read from the socket within the frame's deadline, woken for the pace as often as it asks. */
    private int socketRead(byte[] b, int off, int len) throws IOException {
        while (true) {
            boolean paced = beforeRead();
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    received += n;
                    if (rolling) {
                        deadline = System.nanoTime() + timeoutNanos;
                    }
                }
                return n;
            } catch (SocketTimeoutException e) {
                if (!paced) {
                    throw e;
                }
                // the pace's time, not the frame's: judge again, then read on
            }
        }
    }

    /**
     * Waits at most {@code wait} for the next byte, which the next read returns: true when it came
     * (or the stream ended), false when the peer stayed silent.
     */
    boolean awaitByte(java.time.Duration wait) throws IOException {
        if (pending >= 0 || ended || aheadEnd > aheadStart) {
            return true;
        }
        socket.setSoTimeout((int) Math.clamp(wait.toMillis(), 1, Integer.MAX_VALUE));
        try {
            int b = in.read();
            if (b < 0) {
                ended = true;
            } else {
                pending = b;
                received++;
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public int read() throws IOException {
        if (pending >= 0) {
            int b = pending;
            pending = -1;
            return b;
        }
        if (aheadEnd > aheadStart) {
            return ahead[aheadStart++] & 0xFF;
        }
        if (ended) {
            return -1;
        }
        if (ahead != null) {
            return fillAhead() ? ahead[aheadStart++] & 0xFF : -1;
        }
        return socketRead(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    /** One read of what the socket has into the read-ahead buffer; false at the end of the stream. */
    private boolean fillAhead() throws IOException {
        int n = socketRead(ahead, 0, ahead.length);
        if (n < 0) {
            ended = true;
            return false;
        }
        aheadStart = 0;
        aheadEnd = n;
        return true;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len > 0 && pending >= 0) {
            b[off] = (byte) pending;
            pending = -1;
            return 1;
        }
        if (len > 0 && aheadEnd > aheadStart) {
            int n = Math.min(len, aheadEnd - aheadStart);
            System.arraycopy(ahead, aheadStart, b, off, n);
            aheadStart += n;
            return n;
        }
        if (ended) {
            return -1;
        }
        if (ahead == null || len >= ahead.length) {
            return socketRead(b, off, len);
        }
        if (len == 0) {
            return 0;
        }
        return fillAhead() ? read(b, off, len) : -1;
    }

    @Override
    public int available() throws IOException {
        return in.available() + (pending >= 0 ? 1 : 0) + (aheadEnd - aheadStart);
    }
}
