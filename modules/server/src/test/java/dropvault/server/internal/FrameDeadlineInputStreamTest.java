package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading ahead changes how the socket is read, never what comes out. */
class FrameDeadlineInputStreamTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void withOrWithoutReadAheadEveryByteComesOutOnceInOrder(int seed) throws Exception {
        Random random = new Random(seed);
        byte[] sent = new byte[600_000 + random.nextInt(100_000)];
        random.nextBytes(sent);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket server = listener.accept()) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try (OutputStream out = client.getOutputStream()) {
                    Random pieces = new Random(seed + 100);
                    for (int off = 0; off < sent.length; ) {
                        int n = Math.min(sent.length - off, 1 + pieces.nextInt(40_000));
                        out.write(sent, off, n);
                        off += n;
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            FrameDeadlineInputStream in = new FrameDeadlineInputStream(server, TimeUnit.SECONDS.toNanos(30));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            Random reads = new Random(seed + 200);
            byte[] buf = new byte[300_000];
            while (true) {
                if (got.size() > 100_000 && seed % 2 == 0) {
                    in.readAhead(64 * 1024);
                }
                in.startFrame();
                int kind = reads.nextInt(10);
                if (kind == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    got.write(b);
                } else if (kind == 1) {
                    assertTrue(in.awaitByte(Duration.ofSeconds(30)));
                } else {
                    // lengths below, at and above the read-ahead buffer's
                    int len = kind < 5 ? 1 + reads.nextInt(30) : kind < 9 ? 1 + reads.nextInt(70_000) : 65_536 + reads.nextInt(200_000);
                    int n = in.read(buf, 0, len);
                    if (n < 0) {
                        break;
                    }
                    got.write(buf, 0, n);
                }
                in.endFrame();
            }
            writer.join();
            assertEquals(sent.length, got.size());
            assertArrayEquals(sent, got.toByteArray());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aPaceIsAskedAtEveryReadWithTheBytesSoFarAndWokenWhenItAsksWhileNothingComes() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket server = listener.accept()) {
            FrameDeadlineInputStream in = new FrameDeadlineInputStream(server, TimeUnit.SECONDS.toNanos(600));
            List<Long> seen = new CopyOnWriteArrayList<>();
            in.pace(received -> {
                seen.add(received);
                if (seen.size() == 5) {
                    throw new UploadTooSlowException("too slow");
                }
                return TimeUnit.MILLISECONDS.toNanos(1);
            });
            client.getOutputStream().write(new byte[100]);
            in.startFrame();
            assertEquals(100, in.readNBytes(100).length);
            assertEquals(100, in.received());
            // nothing more comes: the pace is woken every millisecond until it ends the read
            assertThrows(UploadTooSlowException.class, in::read);
            in.endFrame();
            assertEquals(5, seen.size());
            assertEquals(100L, seen.get(seen.size() - 1));
            assertEquals(0L, seen.get(0));
        }
    }
}
