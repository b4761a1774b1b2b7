package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.NameField;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many connections that each declare the largest 828 payload and then stall: together they declare
 * more than the server's heap. The server refuses what does not fit its frame budget with 1607,
 * keeps serving, and never runs out of memory.
 */
class LargeFramesIT {
    static final int HOLDERS = 400;
    static final int MAX_PACKET_DATA = 128 * 1024;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void stalledLargestFramesCannotExhaustTheHeap() throws Exception {
        ServerProcess.Options options = new ServerProcess.Options(work, work.resolve("data"))
                .set("max.connections", HOLDERS + 50).set("max.packet.data", MAX_PACKET_DATA)
                // every holder is to stall its frame at once: none closed early to make room for a new connection
                .set("limits.connections.unkeyed.percent", 100);
        options.javaOptions = "-Xmx48m";
        try (ServerProcess server = ServerProcess.start(options)) {
            List<Wire> holders = new ArrayList<>();
            try {
                Random r = new Random(48);
                for (int i = 0; i < HOLDERS; i++) {
                    Wire w = new Wire(server.address());
                    holders.add(w);
                    ByteBuffer header = ByteBuffer.allocate(23 + 100).order(ByteOrder.LITTLE_ENDIAN);
                    byte[] id = new byte[16];
                    r.nextBytes(id);
                    header.put(id).put((byte) 3).putShort((short) 828).putInt(267 + MAX_PACKET_DATA);
                    w.sendRaw(header.array());
                }
                byte[] plain = Client.randomBytes(3, 100_000);
                try (Wire w = new Wire(server.address())) {
                    Client.Identity who = Client.register(w, "while frames stall");
                    Client.store(w, who, NameField.utf8("small.bin"), plain);
                }
                int refused = 0;
                for (Wire w : holders) {
                    w.shutdownOutput();
                    try {
                        List<Integer> codes = w.codesUntilClosed();
                        assertTrue(codes.isEmpty() || codes.equals(List.of(1607)), "got " + codes);
                        refused += codes.size();
                    } catch (SocketTimeoutException e) {
                        throw new AssertionError("a stalled frame was never ended", e);
                    }
                }
                assertTrue(refused > 0, "all " + HOLDERS + " largest frames fit a 48 MiB heap: the budget was not hit");
            } finally {
                for (Wire w : holders) {
                    w.close();
                }
            }
            assertTrue(server.isAlive());
            assertEquals(0, server.stop());
            assertFalse(server.log().contains("OutOfMemoryError"), "the server ran out of memory");
            assertTrue(server.log().contains("refusing a frame of"), "the refusals were logged");
        }
    }
}
