package dropvault.check.internal;

import dropvault.protocol.Protocol;
import dropvault.protocol.ResponseCode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to the server under test. Every step is bounded: connect and reads by the socket's
 * timeouts, writes by a watchdog that closes the socket when nothing moved for the timeout (a server
 * that stops reading would otherwise block a write for ever).
 */
final class Peer implements AutoCloseable {
    /** No response of the protocol carries more; a header that declares more is answered as a failure. */
    static final int MAX_REPLY_PAYLOAD = dropvault.retrieval.RetrievalCodes.MAX_RESPONSE_PAYLOAD;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dropvault-check-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long timeoutNanos;
    private final ScheduledFuture<?> watch;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean writing;
    private volatile boolean timedOut;

    private Peer(Socket socket, Duration timeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(10, timeout.toMillis() / 4);
        this.watch = WATCHDOG.scheduleAtFixedRate(this::watch, period, period, TimeUnit.MILLISECONDS);
    }

    static Peer connect(String host, int port, Duration timeout) throws IOException {
        return connect(host, port, timeout, java.util.Optional.empty());
    }

    /** Inside TLS of {@code tls} when present: the handshake is done, within the timeout, before this returns. */
    static Peer connect(String host, int port, Duration timeout, java.util.Optional<javax.net.ssl.SSLContext> tls)
            throws IOException {
        Socket s = new Socket();
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try {
            s.connect(new InetSocketAddress(host, port), ms);
            s.setSoTimeout(ms);
            // so that a message written in pieces leaves in pieces
            s.setTcpNoDelay(true);
            if (tls.isPresent()) {
                try {
                    return new Peer(dropvault.tls.TlsClient.handshake(s, tls.get(), host, port), timeout);
                } catch (SocketTimeoutException e) {
                    throw e;
                } catch (IOException e) {
                    throw new IOException(dropvault.tls.TlsClient.describe(e), e);
                }
            }
            return new Peer(s, timeout);
        } catch (SocketTimeoutException e) {
            s.close();
            throw new StepTimeoutException("connect to " + host + ":" + port + " timed out after " + ms + " ms");
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private void watch() {
        if (writing && System.nanoTime() - lastProgress > timeoutNanos) {
            timedOut = true;
            closeQuietly();
        }
    }

    /** Writes a whole message in one write. */
    void send(byte[] frame) throws IOException {
        send(frame, 0, frame.length);
    }

    void send(byte[] b, int off, int len) throws IOException {
        writing = true;
        lastProgress = System.nanoTime();
        try {
            out.write(b, off, len);
            out.flush();
        } catch (IOException e) {
            if (timedOut) {
                throw new StepTimeoutException("the server read nothing for " + timeoutNanos / 1_000_000 + " ms");
            }
            throw e;
        } finally {
            writing = false;
            lastProgress = System.nanoTime();
        }
    }

    /** Writes a message in pieces cut at {@code cuts} (offsets), each piece its own write. */
    void sendSplit(byte[] frame, int... cuts) throws IOException {
        int from = 0;
        for (int cut : cuts) {
            if (cut > from && cut < frame.length) {
                send(frame, from, cut - from);
                from = cut;
            }
        }
        send(frame, from, frame.length - from);
    }

    /** The next response; {@link StepTimeoutException} when none comes in time, EOF when the server closed. */
    Reply read() throws IOException {
        byte[] h = new byte[Protocol.RESPONSE_HEADER_SIZE];
        readFully(h, "the header of a response");
        int version = h[0] & 0xFF;
        int code = Le.u16(h, 1);
        long declared = Le.u32(h, 3);
        if (declared > MAX_REPLY_PAYLOAD) {
            throw new DepartureException("response " + code + " declares " + declared + " payload bytes (header "
                    + Reply.Hex.head(h, 7) + ")");
        }
        // 1604 declaring more than its id: servers in the wild send the 16 bytes only (§8)
        int toRead = code == ResponseCode.THANKS.code() && declared > Protocol.CLIENT_ID_SIZE
                ? Protocol.CLIENT_ID_SIZE : (int) declared;
        byte[] payload = new byte[toRead];
        readFully(payload, "the payload of " + code);
        return new Reply(version, code, declared, payload);
    }

    /** True when the server closed the connection (or reset it) within the timeout without sending anything. */
    boolean closedByServer() {
        try {
            int b = in.read();
            return b < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void readFully(byte[] b, String what) throws IOException {
        int n = 0;
        while (n < b.length) {
            int r;
            try {
                r = in.read(b, n, b.length - n);
            } catch (SocketTimeoutException e) {
                long ms = timeoutNanos / 1_000_000;
                throw new StepTimeoutException(n == 0 && what.startsWith("the header") ? "no answer within " + ms + " ms"
                        : "only " + n + " of " + b.length + " bytes of " + what + " within " + ms + " ms");
            }
            if (r < 0) {
                throw new EOFException("the server closed the connection" + (n > 0 || !what.startsWith("the header")
                        ? " after " + n + " of " + b.length + " bytes of " + what : " instead of answering"));
            }
            n += r;
        }
    }

    void setReadTimeout(Duration t) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, t.toMillis())));
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }

    @Override
    public void close() {
        watch.cancel(false);
        closeQuietly();
    }
}
