package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.Thanks;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole file in one 828 of any size (PROTOCOL.md §8, "one packet, any size"): packets above
 * {@code max.packet.data} are streamed, not held, up to the file limit; a header that claims more
 * is refused before anything is allocated, and one whose data never come times out.
 */
class OnePacketUploadTest {
    @TempDir
    Path data;
    TestServer server;

    @AfterEach
    void stop() throws Exception {
        server.stop();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {131_000, 131_072, 200_000, 3 << 20, (3 << 20) + 5})
    void aFileInOnePacketIsStoredByteForByte(int size) throws Exception {
        server = TestServer.start(data);
        Peer.StreamedFile file = new Peer.StreamedFile(size, size);
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "one packet " + size);
            Peer.uploadAsOnePacket(c, who, "one.bin", file);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("one.bin")));
            c.expect(Thanks.class);
            // the connection goes on as usual after a streamed packet
            byte[] small = Peer.randomBytes(size, 3000);
            Peer.upload(c, who, "small.bin", small, Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("small.bin")));
            c.expect(Thanks.class);
            assertArrayEquals(small, Files.readAllBytes(server.clientFolder(who.id()).resolve("small.bin")));
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
        Path stored = server.clientFolder(who.id()).resolve("one.bin");
        assertEquals(size, Files.size(stored));
        try (InputStream in = Files.newInputStream(stored)) {
            file.forEachBlock(block -> assertArrayEquals(block, in.readNBytes(block.length)));
        }
    }

    @Test
    void aPacketClaimingMoreThanTheFileLimitIsRefusedAtItsHeader() throws Exception {
        server = TestServer.start(data, c -> c.toBuilder().maxFileSize(1 << 20).build());
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "too large a packet");
            c.sendRaw(header(who, 267 + (2L << 20), 2L << 20));
            c.expectErrorAndClose();
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    @Test
    void aPacketWhoseDataNeverComeEndsAtTheIdleTimeoutAndLeavesNothing() throws Exception {
        server = TestServer.start(data, c -> c.withLimits(256, 128, Duration.ofSeconds(1)));
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "silent packet");
            c.sendRaw(header(who, 267 + (64L << 20), 64L << 20));
            c.sendRaw(new byte[100_000]);
            // as for any frame that stops arriving: closed without an answer, the source marked as stalling
            assertTrue(c.closedByServer());
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    /** An 828 header and its fixed fields for a one-packet file of {@code contentSize} encrypted bytes. */
    private static byte[] header(Peer.Identity who, long payloadSize, long contentSize) {
        ByteBuffer head = ByteBuffer.allocate(23 + 267).order(ByteOrder.LITTLE_ENDIAN);
        head.put(who.id().toBytes()).put((byte) 3).putShort((short) 828).putInt((int) payloadSize);
        head.putInt((int) contentSize).putInt((int) (contentSize - 1)).putShort((short) 1).putShort((short) 1);
        head.put(NameField.utf8("x.bin").toBytes());
        return head.array();
    }
}
