package dropvault.hostile;

import dropvault.protocol.ClientId;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.RequestPayload;
import dropvault.protocol.Response;
import dropvault.protocol.ResponseDecoder;
import dropvault.protocol.ResponsePayload;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

/** One connection to the server, speaking frames with the protocol's own codec. */
final class Wire implements AutoCloseable {
    /** Longest wait for one answer: a hang fails the test instead of blocking the build. */
    static final int READ_TIMEOUT_MILLIS = 60_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final ResponseDecoder decoder;

    Wire(InetSocketAddress address) throws IOException {
        this(address, null);
    }

    /** A connection from {@code source} (any 127.x.y.z is this machine's), or any address when null. */
    Wire(InetSocketAddress address, java.net.InetAddress source) throws IOException {
        this(connect(address, source));
    }

    private Wire(Socket connected) throws IOException {
        socket = connected;
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        decoder = new ResponseDecoder(in);
    }

    private static Socket connect(InetSocketAddress address, java.net.InetAddress source) throws IOException {
        Socket s = new Socket();
        try {
            if (source != null) {
                s.bind(new InetSocketAddress(source, 0));
            }
            s.connect(address, 30_000);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** A connection from {@code source} inside TLS of {@code context}, its handshake done. */
    static Wire tls(InetSocketAddress address, java.net.InetAddress source, javax.net.ssl.SSLContext context)
            throws IOException {
        Socket raw = connect(address, source);
        try {
            javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(raw,
                    address.getHostString(), address.getPort(), true);
            s.setUseClientMode(true);
            s.startHandshake();
            return new Wire(s);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    void send(ClientId id, RequestPayload payload) throws IOException {
        sendRaw(RequestEncoder.encode(id, payload));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    Optional<Response> read() throws IOException {
        return decoder.read();
    }

    /** The next response; empty when the server closed the connection or reset it. */
    Optional<Response> readOrReset() throws IOException {
        try {
            return read();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    /** The next response, which must be of {@code type}. */
    <T extends ResponsePayload> T expect(Class<T> type) throws IOException {
        Response r = read().orElseThrow(() -> new AssertionError("closed; expected " + type.getSimpleName()));
        if (!type.isInstance(r.payload())) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + r.code());
        }
        return type.cast(r.payload());
    }

    /** Every response code until the server closes the connection (a reset counts as closing). */
    java.util.List<Integer> codesUntilClosed() throws IOException {
        java.util.List<Integer> codes = new java.util.ArrayList<>();
        try {
            for (Optional<Response> r = read(); r.isPresent(); r = read()) {
                codes.add(r.get().code());
            }
        } catch (SocketException e) {
            // reset: the server closed with bytes of ours unread
        }
        return codes;
    }

    /** Reads raw bytes until the server closes; how many came. */
    long drainUntilClosed() throws IOException {
        long n = 0;
        byte[] b = new byte[4096];
        try {
            for (int r; (r = in.read(b)) >= 0; ) {
                n += r;
            }
        } catch (SocketException e) {
            // reset: closed as well
        }
        return n;
    }

    /** Closes every one of {@code wires}. */
    static void closeAll(Iterable<Wire> wires) throws IOException {
        for (Wire w : wires) {
            w.close();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
