package dropvault.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Connections not marked keyed hold at most their share of the server: beyond it the one of them
 * idle longest is closed for the new one; and what an admission lets in it hears released.
 */
class TcpServerRoomTest {
    /** A byte that marks the connection keyed; any other byte is activity. Each is echoed once handled. */
    private static final int KEYED = 'k';

    /** Marks the connection as the peer asks, echoing each byte once done: the peer's signal that it was handled. */
    private static final ConnectionHandler MARKING = new ConnectionHandler() {
        @Override
        public void handle(Socket socket) {
            throw new AssertionError("the server hands over the connection");
        }

        @Override
        public void handle(Connection c) throws IOException {
            InputStream in = c.socket().getInputStream();
            OutputStream out = c.socket().getOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                if (b == KEYED) {
                    c.markKeyed();
                } else {
                    c.active();
                }
                out.write(b);
                out.flush();
            }
        }
    };

    private static TcpServer.Builder loopback(ConnectionHandler handler) {
        return TcpServer.builder(handler).bindAddress(InetAddress.getLoopbackAddress()).port(0);
    }

    /** A connection the server serves: its first byte came back. */
    private static Socket served(TcpServer server, int firstByte) throws IOException {
        Socket s = new Socket(server.localAddress().getAddress(), server.localAddress().getPort());
        s.setSoTimeout(30_000);
        send(s, firstByte);
        return s;
    }

    /** Sends a byte and waits until the server handled it. */
    private static void send(Socket s, int b) throws IOException {
        s.getOutputStream().write(b);
        assertEquals(b, s.getInputStream().read(), "echoed once handled");
    }

    private static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketException e) {
            return true; // reset: closed as well
        }
    }

    @Test
    void beyondTheirShareTheUnkeyedConnectionIdleLongestMakesRoom() throws Exception {
        try (TcpServer server = loopback(MARKING).maxConnections(10).maxUnkeyedConnections(2).start();
             Socket a = served(server, 'a'); Socket b = served(server, 'b')) {
            send(a, 'a'); // a is active again: b is the one idle longest
            try (Socket c = served(server, 'c')) {
                assertTrue(closedByServer(b), "b was closed for c");
                assertEquals(1, server.closedForRoom());
                send(a, 'a');
                send(c, 'c');
                assertTrue(server.awaitEndedConnections(1, Duration.ofSeconds(30)));
                assertEquals(2, server.openConnections());
            }
        }
    }

    @Test
    void keyedConnectionsAreNeverClosedForRoom() throws Exception {
        try (TcpServer server = loopback(MARKING).maxConnections(10).maxUnkeyedConnections(1).start();
             Socket keyed = served(server, KEYED); Socket first = served(server, 'x')) {
            try (Socket second = served(server, 'y')) {
                assertTrue(closedByServer(first), "the unkeyed one made room");
                send(keyed, 'z');
                send(second, 'y');
                assertEquals(1, server.closedForRoom());
            }
        }
    }

    @Test
    void theNewConnectionTakesTheSlotOfTheOneClosedForIt() throws Exception {
        try (TcpServer server = loopback(MARKING).maxConnections(2).maxUnkeyedConnections(2).start();
             Socket a = served(server, 'a'); Socket b = served(server, 'b'); Socket c = served(server, 'c')) {
            assertTrue(closedByServer(a), "a, idle longest, made room");
            send(b, 'b');
            send(c, 'c');
        }
    }

    @Test
    void withoutAShareEveryConnectionIsUnkeyedAndNoneIsClosedForRoom() throws Exception {
        try (TcpServer server = loopback(MARKING).maxConnections(1).start(); Socket a = served(server, 'a')) {
            try (Socket b = new Socket(server.localAddress().getAddress(), server.localAddress().getPort())) {
                assertTrue(closedByServer(b), "refused over max.connections, as before");
            }
            send(a, 'a');
            assertEquals(0, server.closedForRoom());
        }
    }

    /** Admits every connection and counts those it holds, and what it hears of connections closed for room. */
    private static final class Counting implements TcpServer.Admission {
        final AtomicInteger held = new AtomicInteger();
        final List<InetAddress> closedForRoom = new CopyOnWriteArrayList<>();

        @Override
        public boolean admit(InetAddress source) {
            held.incrementAndGet();
            return true;
        }

        @Override
        public void released(InetAddress source) {
            held.decrementAndGet();
        }

        @Override
        public void closedForRoom(InetAddress source) {
            closedForRoom.add(source);
        }
    }

    @Test
    void whatTheAdmissionLetInItHearsReleasedAndItHearsOfConnectionsClosedForRoom() throws Exception {
        Counting counting = new Counting();
        try (TcpServer server = loopback(MARKING).maxConnections(2).maxUnkeyedConnections(1).admission(counting)
                .start()) {
            try (Socket keyed = served(server, KEYED); Socket first = served(server, 'x')) {
                try (Socket second = served(server, 'y')) {
                    assertTrue(closedByServer(first));
                    try (Socket third = new Socket(server.localAddress().getAddress(), server.localAddress().getPort())) {
                        // the third closes the unkeyed second for room; nothing over max.connections
                        assertTrue(closedByServer(second));
                        send(third, 't');
                    }
                }
                assertTrue(server.awaitEndedConnections(3, Duration.ofSeconds(30)));
                assertEquals(1, counting.held.get(), "only the keyed connection is held");
                send(keyed, 'z');
            }
            assertTrue(server.awaitEndedConnections(4, Duration.ofSeconds(30)));
            assertEquals(0, counting.held.get());
            assertEquals(List.of(InetAddress.getLoopbackAddress(), InetAddress.getLoopbackAddress()),
                    counting.closedForRoom);
        }
    }

    @Test
    void aConnectionRefusedOverMaxConnectionsIsReleasedToo() throws Exception {
        Counting counting = new Counting();
        try (TcpServer server = loopback(MARKING).maxConnections(1).admission(counting).start();
             Socket keyed = served(server, KEYED)) {
            try (Socket refused = new Socket(server.localAddress().getAddress(), server.localAddress().getPort())) {
                assertTrue(closedByServer(refused));
            }
            assertTrue(server.awaitEndedConnections(1, Duration.ofSeconds(30)));
            assertEquals(1, counting.held.get());
        }
    }

    @Test
    void theShareIsAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> TcpServer.builder(s -> { }).maxUnkeyedConnections(0));
    }
}
