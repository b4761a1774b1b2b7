package dropvault.server.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The socket's output with a deadline per write: a peer that stops reading (a download it never takes in)
 * fills its window and blocks the server's write; after the idle timeout the socket is closed, the write
 * fails and the connection ends. A socket's timeout covers reads only.
 */
final class WriteDeadlineOutputStream extends FilterOutputStream {
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final Socket socket;
    private final long timeoutNanos;

    WriteDeadlineOutputStream(Socket socket, long timeoutNanos) throws IOException {
        super(socket.getOutputStream());
        this.socket = socket;
        this.timeoutNanos = timeoutNanos;
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "dropvault-write-deadline");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ScheduledFuture<?> deadline = WATCHDOG.schedule(this::closeSocket, timeoutNanos, TimeUnit.NANOSECONDS);
        try {
            out.write(b, off, len);
        } finally {
            deadline.cancel(false);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }
}
