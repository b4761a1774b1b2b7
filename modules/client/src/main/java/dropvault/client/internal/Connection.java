package dropvault.client.internal;

import dropvault.protocol.Response;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One TCP connection to the server, in the clear or inside TLS: whole frames out, one write each;
 * responses in. In the clear a direct buffer goes out through the socket's channel with no copy;
 * inside TLS every frame goes through the TLS socket's stream (a direct one copied to the heap first).
 */
final class Connection implements Closeable {
    /** How long to wait for a server that closes the connection after an error answer. */
    static final int CLOSE_PROBE_MILLIS = 300;

    private final Socket socket;
    /** The channel of a plain connection; null inside TLS. */
    private final SocketChannel channel;
    /** Inside TLS: where a direct frame is copied to go out through the stream. */
    private byte[] heapFrame = new byte[0];
    private final java.io.PushbackInputStream in;
    private final OutputStream out;
    private final ResponseReader reader;

    private Connection(SocketChannel channel, boolean tolerantThanks) throws IOException {
        this(channel.socket(), channel, tolerantThanks);
    }

    private Connection(Socket socket, SocketChannel channel, boolean tolerantThanks) throws IOException {
        this.channel = channel;
        this.socket = socket;
        this.in = new java.io.PushbackInputStream(socket.getInputStream(), 1);
        this.out = socket.getOutputStream();
        this.reader = new ResponseReader(socket, in, tolerantThanks, CLOSE_PROBE_MILLIS);
    }

    static Connection open(String host, int port, int timeoutMillis) throws IOException {
        return open(host, port, timeoutMillis, true);
    }

    static Connection open(String host, int port, int timeoutMillis, boolean tolerantThanks) throws IOException {
        // a channel's socket: its streams read with a timeout, and a direct buffer goes out with no copy
        SocketChannel ch = SocketChannel.open();
        try {
            Socket s = ch.socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            return new Connection(ch, tolerantThanks);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * A connection to the server of {@code config}: inside TLS when its settings ask for it, the
     * handshake (and the server's identity) done before this returns, presenting a certificate of
     * {@code clientKey}'s key pair when there is one.
     *
     * @throws ServerIdentityException when the server's certificate is not the one expected
     */
    static Connection open(dropvault.client.UploadConfig config, int timeoutMillis,
                           dropvault.client.UploadListener listener,
                           java.util.Optional<java.security.PrivateKey> clientKey) throws IOException {
        if (!config.tls().enabled()) {
            return open(config.host(), config.port(), timeoutMillis);
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(config.host(), config.port()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            Socket tls = new TlsConnector(config.tls(), config.clientDir(), listener).secure(s, config.host(),
                    config.port(), clientKey);
            return new Connection(tls, null, true);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sends one whole message (header and payload) in a single write. */
    void send(byte[] frame) throws IOException {
        out.write(frame);
    }

    /** Sends the first {@code length} bytes of {@code frame}, one whole message, in a single write. */
    void send(byte[] frame, int length) throws IOException {
        out.write(frame, 0, length);
    }

    /**
     * Sends the first {@code length} bytes of {@code frame} (from index 0, whatever its position),
     * one whole message, in a single write unless the kernel takes less; a direct buffer is not copied.
     */
    void send(ByteBuffer frame, int length) throws IOException {
        ByteBuffer b = frame.slice(0, length);
        if (channel == null) {
            if (b.hasArray()) {
                out.write(b.array(), b.arrayOffset(), length);
                return;
            }
            if (heapFrame.length < length) {
                heapFrame = new byte[length];
            }
            b.get(heapFrame, 0, length);
            out.write(heapFrame, 0, length);
            return;
        }
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    Response read() throws IOException {
        return reader.read();
    }

    /** The next frame, its payload into {@code buffer}: see {@link ResponseReader#readInto}. */
    ResponseReader.Frame readInto(byte[] buffer) throws IOException {
        return reader.readInto(buffer);
    }

    /** How often a wait for an answer asks whether the silence so far is the answer. */
    static final int SILENCE_POLL_MILLIS = 50;

    /**
     * Waits for the first byte of an answer (or the end of the stream) for as long as {@code signal}
     * does not call the silence an answer, the read timeout being the longest it waits.
     *
     * @throws SilenceException when the server said nothing
     */
    void awaitAnswer(long allowedMillis, dropvault.client.AnswerWait.SilenceSignal signal) throws IOException {
        int previous = socket.getSoTimeout();
        long start = System.nanoTime();
        socket.setSoTimeout((int) Math.clamp(Math.min(allowedMillis, SILENCE_POLL_MILLIS), 1, Integer.MAX_VALUE));
        try {
            while (true) {
                try {
                    int b = in.read();
                    if (b >= 0) {
                        in.unread(b);
                    }
                    return;
                } catch (SocketTimeoutException e) {
                    long waited = (System.nanoTime() - start) / 1_000_000;
                    if (signal.silent(waited, allowedMillis) || waited >= previous && previous > 0) {
                        throw new SilenceException(allowedMillis);
                    }
                }
            }
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    /**
     * Whether the server closed (or spoiled) the connection after its last answer: waits briefly
     * for the end of the stream. Bytes nobody asked for also make the connection unusable.
     */
    boolean closedByServer() {
        try {
            int previous = socket.getSoTimeout();
            socket.setSoTimeout(CLOSE_PROBE_MILLIS);
            try {
                in.read();
                return true;
            } finally {
                socket.setSoTimeout(previous);
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing is left to release
        }
    }
}
