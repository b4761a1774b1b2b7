package dropvault.server.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.GeneralError;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.RequestPayload;
import dropvault.protocol.Response;
import dropvault.protocol.ResponseDecoder;
import dropvault.protocol.ResponsePayload;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

/** One connection to the server, speaking frames with the protocol's own encoder and decoder. */
public final class TestClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final ResponseDecoder decoder;

    public TestClient(InetSocketAddress address) throws IOException {
        this(connected(address));
    }

    /** Over a connected socket: a TLS one, its handshake done. */
    public TestClient(Socket connected) throws IOException {
        socket = connected;
        out = socket.getOutputStream();
        decoder = new ResponseDecoder(new BufferedInputStream(socket.getInputStream()),
                dropvault.retrieval.RetrievalCodes.MAX_RESPONSE_PAYLOAD);
    }

    public static Socket connected(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 10_000);
        // a hang fails the test instead of blocking the build
        s.setSoTimeout(30_000);
        return s;
    }

    public void send(ClientId id, RequestPayload payload) throws IOException {
        sendRaw(RequestEncoder.encode(id, payload));
    }

    public void sendRaw(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    public Optional<Response> read() throws IOException {
        return decoder.read();
    }

    public <T extends ResponsePayload> T expect(Class<T> type) throws IOException {
        Response r = read().orElseThrow(() -> new AssertionError("connection closed; expected "
                + type.getSimpleName()));
        return assertInstanceOf(type, r.payload(), () -> "response " + r.code());
    }

    /** The server answers 1607 with no payload and closes the connection. */
    public void expectErrorAndClose() throws IOException {
        Response r = read().orElseThrow(() -> new AssertionError("connection closed without 1607"));
        assertEquals(1607, r.code());
        assertEquals(0, r.header().payloadSize());
        assertInstanceOf(GeneralError.class, r.payload());
        assertTrue(closedByServer(), "the connection stays open after 1607");
    }

    /** True when the server closed the connection: the next read ends the stream. */
    public boolean closedByServer() throws IOException {
        try {
            return read().isEmpty();
        } catch (SocketException e) {
            // a reset counts: the server closed with our data unread
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
