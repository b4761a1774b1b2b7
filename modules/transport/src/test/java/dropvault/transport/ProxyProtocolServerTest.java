package dropvault.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The listener with the PROXY protocol on: handlers see the client named by the header; a bad or missing header closes. */
class ProxyProtocolServerTest {
    private static final int DEADLINE_SECONDS = 60;

    private final LinkedBlockingQueue<InetSocketAddress> peers = new LinkedBlockingQueue<>();

    private final ConnectionHandler handler = new ConnectionHandler() {
        @Override
        public void handle(Socket socket) {
            throw new AssertionError("the listener passes the peer");
        }

        @Override
        public void handle(Socket socket, InetSocketAddress peer) throws IOException {
            peers.add(peer);
            socket.getInputStream().transferTo(socket.getOutputStream());
        }
    };

    private TcpServer start(ProxyProtocol mode, Duration readTimeout) throws IOException {
        return TcpServer.builder(handler).bindAddress(InetAddress.getLoopbackAddress()).port(0)
                .readTimeout(readTimeout).proxyProtocol(mode).start();
    }

    private static Socket connect(TcpServer server) throws IOException {
        Socket s = new Socket(server.localAddress().getAddress(), server.localAddress().getPort());
        s.setSoTimeout(DEADLINE_SECONDS * 1000);
        return s;
    }

    @Test
    void theHandlerSeesTheClientOfTheHeaderAndTheBytesAfterIt() throws Exception {
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 40123);
        InetSocketAddress balancer = new InetSocketAddress(InetAddress.getByName("198.51.100.1"), 1256);
        try (TcpServer server = start(ProxyProtocol.ANY, Duration.ofSeconds(DEADLINE_SECONDS))) {
            for (byte[] header : new byte[][] {ProxyHeaderTest.v1(client, balancer),
                    ProxyHeaderTest.v2(1, client, balancer, new byte[0])}) {
                try (Socket s = connect(server)) {
                    s.getOutputStream().write(header);
                    s.getOutputStream().write("frame".getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput();
                    assertArrayEquals("frame".getBytes(StandardCharsets.US_ASCII), s.getInputStream().readAllBytes());
                }
                assertEquals(client, peers.poll(DEADLINE_SECONDS, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void offByDefaultTheHandlerSeesTheSocketsPeer() throws Exception {
        try (TcpServer server = TcpServer.builder(handler).bindAddress(InetAddress.getLoopbackAddress()).port(0).start();
             Socket s = connect(server)) {
            s.getOutputStream().write("PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            assertEquals("PROXY UNKNOWN\r\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII),
                    "without the setting the header is just bytes for the handler");
            assertEquals(s.getLocalSocketAddress(), peers.poll(DEADLINE_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aBadHeaderClosesTheConnectionAndTheHandlerNeverRuns() throws Exception {
        try (TcpServer server = start(ProxyProtocol.V1, Duration.ofSeconds(DEADLINE_SECONDS));
             Socket s = connect(server)) {
            s.getOutputStream().write("PROXY TCP4 1.2.3.4 nonsense\r\nframe".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, s.getInputStream().read(), "closed, nothing echoed");
            assertTrue(peers.isEmpty());
        }
    }

    @Test
    void aPeerThatSendsHalfAHeaderIsClosedAtTheReadTimeout() throws Exception {
        try (TcpServer server = start(ProxyProtocol.ANY, Duration.ofMillis(300));
             Socket s = connect(server)) {
            long start = System.nanoTime();
            s.getOutputStream().write("PROXY TCP4 1.2.".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, s.getInputStream().read(), "closed by the server, not by our own read timeout");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS));
            assertTrue(peers.isEmpty());
        }
    }
}
