package dropvault.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Servers that fail every session in their own way: the tool names each failure and exits 1. */
class BenchFailureTest {

    /** Reads one request frame and answers with the given bytes, then closes. */
    private static Thread serve(ServerSocket listener, byte[] answer) {
        return Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] header = in.readNBytes(23);
                    int size = (header[19] & 0xFF) | (header[20] & 0xFF) << 8;
                    in.readNBytes(size);
                    s.getOutputStream().write(answer);
                } catch (IOException e) {
                    // the listener closed, or the tool went away: next
                }
            }
        });
    }

    private static ServerSocket listener() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @Test
    void aServerAnsweringGeneralErrorFailsEverySession() throws Exception {
        try (ServerSocket listener = listener()) {
            serve(listener, new byte[] {3, 0x47, 0x06, 0, 0, 0, 0});
            Bench b = Bench.run("--server", "127.0.0.1:" + listener.getLocalPort(), "--clients", "2",
                    "--sessions", "3");

            assertEquals(1, b.status(), b.toString());
            assertTrue(b.out().contains("sessions: 0 ok, 6 failed"), b.toString());
            assertTrue(Pattern.compile("\\s6\\s+825 answered 1607").matcher(b.out()).find(), b.toString());
        }
    }

    @Test
    void aServerThatHangsUpFailsEverySession() throws Exception {
        try (ServerSocket listener = listener()) {
            serve(listener, new byte[0]);
            Bench b = Bench.run("--server", "127.0.0.1:" + listener.getLocalPort(), "--sessions", "2");

            assertEquals(1, b.status(), b.toString());
            assertTrue(b.out().contains("closed by the server awaiting the answer to 825"), b.toString());
        }
    }

    @Test
    void aMalformedAnswerIsAFailure() throws Exception {
        try (ServerSocket listener = listener()) {
            // 1600 declaring 3 payload bytes instead of 16
            serve(listener, new byte[] {3, 0x40, 0x06, 3, 0, 0, 0, 1, 2, 3});
            Bench b = Bench.run("--server", "127.0.0.1:" + listener.getLocalPort());

            assertEquals(1, b.status(), b.toString());
            assertTrue(b.out().contains("malformed 1600"), b.toString());
        }
    }

    @Test
    void noServerAtAll() throws Exception {
        int port;
        try (ServerSocket listener = listener()) {
            port = listener.getLocalPort();
        }
        Bench b = Bench.run("--server", "127.0.0.1:" + port, "--sessions", "2");

        assertEquals(1, b.status(), b.toString());
        assertTrue(Pattern.compile("\\s2\\s+connect failed").matcher(b.out()).find(), b.toString());
    }
}
