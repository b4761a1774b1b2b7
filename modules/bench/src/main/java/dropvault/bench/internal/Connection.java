package dropvault.bench.internal;

import dropvault.protocol.ClientId;
import dropvault.protocol.ProtocolException;
import dropvault.protocol.ResponseCode;
import dropvault.protocol.ResponseDecoder;
import dropvault.protocol.ResponsePayload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** One TCP connection to the server: whole frames out in one write each, responses in with exact reads. */
final class Connection implements AutoCloseable {
    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] header = new byte[7];
    /** Inside TLS: where a direct frame is copied to go out through the stream. */
    private byte[] heapFrame = new byte[0];
    private ClientId clientId;
    private byte[] aesKey;

    private Connection(SocketChannel channel) throws IOException {
        this(channel, channel.socket());
    }

    /** {@code channel}: null inside TLS, where frames go through the TLS socket's stream. */
    private Connection(SocketChannel channel, Socket socket) throws IOException {
        this.channel = channel;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * A client context of the provider {@code dropvault.tls.provider} names (Conscrypt where it
     * loads): any server certificate within its dates, or only the one of {@code fingerprint}.
     */
    static javax.net.ssl.SSLContext tlsContext(java.util.Optional<String> fingerprint) {
        try {
            return dropvault.tls.TlsClient.context(dropvault.tls.TlsProvider.fromSystemProperty(),
                    dropvault.tls.ServerTrust.fingerprint(fingerprint));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS cannot start: " + e.getMessage(), e);
        }
    }

    /** A connection inside TLS of {@code tls}, or in the clear when it is null. */
    static Connection open(String host, int port, Duration timeout, javax.net.ssl.SSLContext tls)
            throws SessionFailure {
        if (tls == null) {
            return open(host, port, timeout);
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            s.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
        } catch (IOException e) {
            closeQuietly(s);
            throw new SessionFailure("connect failed", e.toString(), e);
        }
        try {
            return new Connection(null, dropvault.tls.TlsClient.handshake(s, tls, host, port));
        } catch (IOException e) {
            closeQuietly(s);
            throw new SessionFailure("TLS handshake failed", dropvault.tls.TlsClient.describe(e), e);
        }
    }

    static Connection open(String host, int port, Duration timeout) throws SessionFailure {
        // a channel's socket: its streams read with a timeout, and a direct buffer goes out with no copy
        SocketChannel ch;
        try {
            ch = SocketChannel.open();
        } catch (IOException e) {
            throw new SessionFailure("connect failed", e.toString(), e);
        }
        Socket s = ch.socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            s.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
            return new Connection(ch);
        } catch (IOException e) {
            closeQuietly(s);
            throw new SessionFailure("connect failed", e.toString(), e);
        }
    }

    /** Remembers the client this connection speaks for and its AES key. */
    void registered(ClientId id, byte[] key) {
        this.clientId = id;
        this.aesKey = key.clone();
    }

    /** The client registered on this connection, or null before 1602. */
    ClientId clientId() {
        return clientId;
    }

    byte[] aesKey() {
        return aesKey.clone();
    }

    void send(byte[] frame, int length, int code) throws SessionFailure {
        try {
            out.write(frame, 0, length);
        } catch (IOException e) {
            throw new SessionFailure("send of " + code + " failed", e.toString(), e);
        }
    }

    /** Sends the first {@code length} bytes of {@code frame} (from index 0) in one write; a direct buffer is not copied. */
    void send(ByteBuffer frame, int length, int code) throws SessionFailure {
        try {
            ByteBuffer b = frame.slice(0, length);
            if (channel == null) {
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
        } catch (IOException e) {
            throw new SessionFailure("send of " + code + " failed", e.toString(), e);
        }
    }

    /**
     * The answer to {@code request}, which must be {@code expected}. With {@code loose}, its payload
     * is not read and may be of any declared size (a seed server's 1604); the result is then null.
     */
    ResponsePayload expect(int request, ResponseCode expected, boolean loose) throws SessionFailure {
        readFully(header, header.length, request);
        int code = Wire.u16(header, 1);
        long size = Wire.u32(header, 3);
        if (code != expected.code()) {
            throw new SessionFailure(request + " answered " + code, "expected " + expected.code());
        }
        if (loose) {
            return null;
        }
        if (size != ResponseDecoder.expectedSize(code)) {
            throw new SessionFailure("malformed " + code, "declares " + size + " payload bytes");
        }
        byte[] payload = new byte[(int) size];
        readFully(payload, payload.length, request);
        try {
            return ResponseDecoder.decodePayload(code, payload);
        } catch (ProtocolException e) {
            throw new SessionFailure("malformed " + code, e.getMessage(), e);
        }
    }

    private void readFully(byte[] b, int len, int request) throws SessionFailure {
        int n = 0;
        try {
            while (n < len) {
                int r = in.read(b, n, len - n);
                if (r < 0) {
                    throw new SessionFailure("closed by the server awaiting the answer to " + request,
                            "after " + n + " of " + len + " bytes");
                }
                n += r;
            }
        } catch (SocketTimeoutException e) {
            throw new SessionFailure("timeout awaiting the answer to " + request, e.getMessage(), e);
        } catch (IOException e) {
            throw new SessionFailure("read failed awaiting the answer to " + request, e.toString(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do: the connection is gone either way
        }
    }
}
