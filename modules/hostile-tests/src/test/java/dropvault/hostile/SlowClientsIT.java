package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.RequestEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 connections that trickle a frame one byte a second are closed by the server at its (short)
 * idle timeout, though every byte comes well within it; meanwhile new clients register and upload.
 */
class SlowClientsIT {
    static final int SLOW = 500;
    static final int NORMAL = 10;
    static final int IDLE_TIMEOUT_SECONDS = 3;
    /** A frame takes 278 seconds at one byte a second: a trickler still writing after this many was never cut. */
    static final int MAX_BYTES = 120;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void tricklersAreClosedWhileOthersAreServed() throws Exception {
        ServerProcess.Options options = new ServerProcess.Options(work, work.resolve("data"))
                .set("idle.timeout.seconds", IDLE_TIMEOUT_SECONDS).set("max.connections", SLOW + 100)
                // every trickler is to meet the idle timeout: none closed early to make room for a new connection
                .set("limits.connections.unkeyed.percent", 100);
        try (ServerProcess server = ServerProcess.start(options);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            byte[] frame = RequestEncoder.encode(ClientId.ZERO, new RegisterRequest(NameField.of("slowpoke")));
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            CountDownLatch connected = new CountDownLatch(SLOW);
            List<Future<?>> slow = new ArrayList<>();
            for (int i = 0; i < SLOW; i++) {
                slow.add(threads.submit(() -> trickle(server, frame, connected, problems)));
            }
            assertTrue(connected.await(2, TimeUnit.MINUTES), "the slow connections could not all connect");

            List<Future<?>> normal = new ArrayList<>();
            for (int i = 0; i < NORMAL; i++) {
                int n = i;
                normal.add(threads.submit(() -> {
                    byte[] plain = Client.randomBytes(n, 50_000 + n);
                    try (Wire w = new Wire(server.address())) {
                        Client.Identity who = Client.register(w, "normal " + n);
                        Client.store(w, who, NameField.utf8("normal.bin"), plain);
                    }
                    return null;
                }));
            }
            for (Future<?> f : normal) {
                f.get(3, TimeUnit.MINUTES);
            }
            for (Future<?> f : slow) {
                f.get(3, TimeUnit.MINUTES);
            }
            assertTrue(problems.isEmpty(), problems.size() + " slow connections: " + problems.stream().limit(5).toList());
            assertEquals(0, server.stop());
            Matcher m = Pattern.compile("result=idle timeout").matcher(server.log());
            int timedOut = 0;
            while (m.find()) {
                timedOut++;
            }
            assertEquals(SLOW, timedOut, "sessions the server ended at the idle timeout");
        }
    }

    /** Connects, then sends the frame one byte a second until the server closes the connection. */
    private static Void trickle(ServerProcess server, byte[] frame, CountDownLatch connected,
                                ConcurrentLinkedQueue<String> problems) throws IOException, InterruptedException {
        try (Socket s = new Socket()) {
            s.connect(server.address(), 60_000);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            connected.countDown();
            for (int sent = 0; sent < MAX_BYTES; sent++) {
                try {
                    out.write(frame[sent]);
                    out.flush();
                } catch (SocketException e) {
                    return null;
                }
                try {
                    if (in.read() < 0) {
                        return null;
                    }
                    problems.add("got a response byte");
                    return null;
                } catch (java.net.SocketTimeoutException e) {
                    // a second passed with the connection open: the next byte
                } catch (SocketException e) {
                    return null;
                }
            }
            problems.add("still open after " + MAX_BYTES + " bytes at one a second");
        }
        return null;
    }
}
