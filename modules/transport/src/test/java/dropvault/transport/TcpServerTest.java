package dropvault.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TcpServerTest {

    private static TcpServer.Builder loopback(ConnectionHandler handler) {
        return TcpServer.builder(handler).bindAddress(InetAddress.getLoopbackAddress()).port(0);
    }

    private static Socket connect(TcpServer server) throws IOException {
        Socket s = new Socket(server.localAddress().getAddress(), server.localAddress().getPort());
        s.setSoTimeout(30_000);
        return s;
    }

    /** Copies bytes back until the peer closes. */
    private static void echo(Socket socket) throws IOException {
        socket.getInputStream().transferTo(socket.getOutputStream());
    }

    @Test
    void servesEachConnectionOnAVirtualThread() throws Exception {
        AtomicReference<Boolean> virtual = new AtomicReference<>();
        try (TcpServer server = loopback(s -> {
            virtual.set(Thread.currentThread().isVirtual());
            echo(s);
        }).start()) {
            assertTrue(server.localAddress().getPort() > 0);
            for (int i = 0; i < 3; i++) {
                try (Socket s = connect(server)) {
                    s.getOutputStream().write(new byte[] {1, 2, (byte) i});
                    s.shutdownOutput();
                    assertEquals(3, s.getInputStream().readAllBytes().length);
                }
            }
            assertTrue(virtual.get());
        }
    }

    @Test
    void anIdlePeerIsDroppedAfterTheReadTimeout() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        try (TcpServer server = loopback(s -> {
            try {
                s.getInputStream().read();
            } catch (IOException e) {
                seen.set(e);
            } finally {
                ended.countDown();
            }
        }).readTimeout(Duration.ofMillis(200)).start(); Socket s = connect(server)) {
            ended.await();
            assertTrue(seen.get() instanceof SocketTimeoutException, String.valueOf(seen.get()));
            assertEquals(-1, s.getInputStream().read(), "the server closed the connection");
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try (TcpServer server = loopback(holding(entered, release)).maxConnections(1).start();
                Socket first = connect(server)) {
            entered.await();
            try (Socket second = connect(server)) {
                assertEquals(-1, second.getInputStream().read(), "the second connection is closed");
            }
            assertEquals(1, server.openConnections());
            release.countDown();
            assertEquals(-1, first.getInputStream().read());
        }
    }

    @Test
    void aPeerThatSawTheCloseFindsItsSlotFreeAndItsEndCounted() throws Exception {
        try (TcpServer server = loopback(TcpServerTest::echo).maxConnections(1).start()) {
            for (int i = 0; i < 50; i++) {
                try (Socket s = connect(server)) {
                    s.getOutputStream().write(i);
                    s.shutdownOutput();
                    assertEquals(1, s.getInputStream().readAllBytes().length, "connection " + i + " was served");
                }
                // no wait: the server counted the end before it closed
                assertEquals(i + 1, server.endedConnections());
                assertEquals(i + 1, server.acceptedConnections());
                assertEquals(0, server.openConnections());
            }
        }
    }

    @Test
    void endedConnectionsCountRefusedOnesAndCanBeAwaited() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try (TcpServer server = loopback(holding(entered, release)).maxConnections(1).start();
                Socket first = connect(server)) {
            entered.await();
            try (Socket refused = connect(server)) {
                assertEquals(-1, refused.getInputStream().read());
            }
            assertTrue(server.awaitEndedConnections(1, Duration.ofSeconds(30)), "the refused connection counts");
            assertFalse(server.awaitEndedConnections(2, Duration.ofMillis(1)), "the first one is still served");
            release.countDown();
            assertTrue(server.awaitEndedConnections(2, Duration.ofSeconds(30)));
            assertEquals(2, server.acceptedConnections());
            assertEquals(-1, first.getInputStream().read());
        }
    }

    @Test
    void stopWaitsForConnectionsInFlightThenStopsAccepting() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        TcpServer server = loopback(s -> {
            entered.countDown();
            // finishes as soon as the peer sends its last byte
            InputStream in = s.getInputStream();
            int b = in.read();
            OutputStream out = s.getOutputStream();
            out.write(b + 1);
        }).start();
        int port = server.localAddress().getPort();
        try (Socket s = connect(server)) {
            entered.await();
            Thread stopper = Thread.ofVirtual().start(() -> {
                try {
                    assertTrue(server.stop(Duration.ofSeconds(30)), "the connection ended by itself");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            s.getOutputStream().write(41);
            assertEquals(42, s.getInputStream().read());
            stopper.join();
        }
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    @Test
    void stopClosesWhatOutlastsTheGrace() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        TcpServer server = loopback(s -> {
            entered.countDown();
            s.getInputStream().read();
        }).start();
        try (Socket s = connect(server)) {
            entered.await();
            assertFalse(server.stop(Duration.ZERO));
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TcpServer.builder(s -> { }).port(65536));
        assertThrows(IllegalArgumentException.class, () -> TcpServer.builder(s -> { }).maxConnections(0));
        assertThrows(IllegalArgumentException.class, () -> TcpServer.builder(s -> { }).readTimeout(Duration.ZERO));
    }

    /** A handler that says it has a connection, then keeps it until {@code release}. */
    private static ConnectionHandler holding(CountDownLatch entered, CountDownLatch release) {
        return s -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
