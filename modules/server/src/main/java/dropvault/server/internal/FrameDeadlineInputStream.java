package dropvault.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The socket's input with a deadline per frame: from the moment the server waits for a frame to its
 * last byte, at most the idle timeout may pass. A read timeout alone would let a peer that trickles
 * one byte a second hold a connection forever.
 */
final class FrameDeadlineInputStream extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final long timeoutNanos;
    private long deadline;
    private boolean armed;

    FrameDeadlineInputStream(Socket socket, long timeoutNanos) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts the clock for the next frame. */
    void startFrame() {
        deadline = System.nanoTime() + timeoutNanos;
        armed = true;
    }

    /** Stops the clock while a handler works on the frame. */
    void endFrame() {
        armed = false;
    }

    private void beforeRead() throws IOException {
        if (!armed) {
            return;
        }
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
            throw new SocketTimeoutException("a frame took longer than the idle timeout to arrive");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
    }

    @Override
    public int read() throws IOException {
        beforeRead();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        beforeRead();
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }
}
