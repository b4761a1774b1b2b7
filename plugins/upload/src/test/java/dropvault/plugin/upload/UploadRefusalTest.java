package dropvault.plugin.upload;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dropvault.protocol.ClientId;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every 828 the server refuses gets 1607, closes the connection and leaves no temporary file. */
class UploadRefusalTest {
    private static final long MAX_FILE_SIZE = 100_000;

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data, c -> c.withMaxFileSize(MAX_FILE_SIZE));
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static int names;

    /**
     * Registers, sends the first {@code good} packets of a 5000-byte file unchanged, then the
     * packets {@code breaking} makes of the rest, and expects 1607, a closed connection, and no file.
     */
    private static void refused(int good, UnaryOperator<List<FilePacket>> breaking) throws Exception {
        Path folder;
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "refusal " + (++names));
            List<FilePacket> all = Peer.packets(who, NameField.utf8("f.bin"), Peer.randomBytes(names, 5000),
                    Peer.Dialect.STANDARD);
            for (FilePacket p : all.subList(0, good)) {
                c.send(who.id(), p);
            }
            for (FilePacket p : breaking.apply(new ArrayList<>(all.subList(good, all.size())))) {
                c.send(who.id(), p);
            }
            c.expectErrorAndClose();
            folder = server.clientFolder(who.id());
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
        assertFalse(Files.exists(folder.resolve("f.bin")));
    }

    private static FilePacket with(FilePacket p, long contentSize, long originalSize, int number, int total,
                                   NameField name, byte[] data) {
        return new FilePacket(contentSize, originalSize, number, total, name, data);
    }

    @Test
    void packetsBeforeAKeyExchange() throws Exception {
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of("refusal no key")));
            ClientId id = c.expect(Registered.class).clientId();
            c.send(id, new FilePacket(16, 1, 1, 1, NameField.utf8("f.bin"), new byte[16]));
            c.expectErrorAndClose();
        }
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new FilePacket(16, 1, 1, 1, NameField.utf8("f.bin"), new byte[16]));
            c.expectErrorAndClose();
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    @Test
    void aContentSizeThatChanges() throws Exception {
        refused(2, rest -> List.of(rest.stream().map(p -> with(p, p.contentSize() + 16, p.originalSize(),
                p.packetNumber(), p.totalPackets(), p.fileName(), p.data())).findFirst().orElseThrow()));
    }

    @Test
    void aTotalThatChanges() throws Exception {
        refused(1, rest -> List.of(with(rest.getFirst(), rest.getFirst().contentSize(), rest.getFirst().originalSize(),
                2, 6, rest.getFirst().fileName(), rest.getFirst().data())));
    }

    @Test
    void aFileNameThatChanges() throws Exception {
        FilePacket[] first = new FilePacket[1];
        refused(1, rest -> {
            first[0] = rest.getFirst();
            return List.of(with(first[0], first[0].contentSize(), first[0].originalSize(), first[0].packetNumber(),
                    first[0].totalPackets(), NameField.utf8("other.bin"), first[0].data()));
        });
    }

    @Test
    void anOriginalSizeThatChanges() throws Exception {
        refused(1, rest -> List.of(with(rest.getFirst(), rest.getFirst().contentSize(), 4999,
                rest.getFirst().packetNumber(), rest.getFirst().totalPackets(), rest.getFirst().fileName(),
                rest.getFirst().data())));
    }

    @Test
    void aPacketOutOfOrder() throws Exception {
        refused(1, rest -> List.of(rest.get(1)));
    }

    @Test
    void aRepeatedPacket() throws Exception {
        refused(2, rest -> List.of(rest.getFirst(), rest.getFirst()));
    }

    @Test
    void aFirstPacketNumberedTwo() throws Exception {
        refused(0, rest -> List.of(rest.get(1)));
    }

    @Test
    void aPacketNumberBeyondTheTotal() throws Exception {
        // 1-based numbering with a total of 5: packet 6 may not come, even carrying the right bytes
        refused(4, rest -> List.of(with(rest.getFirst(), rest.getFirst().contentSize(), rest.getFirst().originalSize(),
                6, 5, rest.getFirst().fileName(), rest.getFirst().data())));
    }

    @Test
    void moreBytesThanTheContentSize() throws Exception {
        refused(4, rest -> {
            FilePacket last = rest.getFirst();
            byte[] longer = java.util.Arrays.copyOf(last.data(), last.dataLength() + 32);
            longer[longer.length - 1] = 1;
            return List.of(with(last, last.contentSize(), last.originalSize(), last.packetNumber(),
                    last.totalPackets(), last.fileName(), longer));
        });
    }

    @Test
    void zeroPaddingBeforeTheLastPacket() throws Exception {
        refused(0, rest -> {
            FilePacket p = rest.getFirst();
            byte[] padded = java.util.Arrays.copyOf(p.data(), 6000);
            return List.of(with(p, p.contentSize(), p.originalSize(), p.packetNumber(), p.totalPackets(),
                    p.fileName(), padded));
        });
    }

    @Test
    void fewerBytesThanTheContentSize() throws Exception {
        refused(4, rest -> {
            FilePacket last = rest.getFirst();
            return List.of(with(last, last.contentSize(), last.originalSize(), last.packetNumber(),
                    last.totalPackets(), last.fileName(), java.util.Arrays.copyOf(last.data(), 16)));
        });
    }

    @Test
    void badPadding() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "refusal bad padding");
            // without its padding block, the ciphertext's last block decrypts to zeros: a pad length of 0
            byte[] plain = java.util.Arrays.copyOf(Peer.randomBytes(6, 4992), 5008);
            byte[] cipher = java.util.Arrays.copyOf(Peer.encrypt(who.aesKey(), plain), 5008);
            NameField name = NameField.utf8("f.bin");
            for (int off = 0, n = 1; off < cipher.length; off += 1024, n++) {
                byte[] chunk = java.util.Arrays.copyOfRange(cipher, off, Math.min(cipher.length, off + 1024));
                c.send(who.id(), new FilePacket(cipher.length, 4992, n, 5, name, chunk));
            }
            c.expectErrorAndClose();
            assertFalse(Files.exists(server.clientFolder(who.id()).resolve("f.bin")));
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    @Test
    void aFileTooLarge() throws Exception {
        refused(0, rest -> {
            FilePacket p = rest.getFirst();
            long content = (MAX_FILE_SIZE / 16 + 2) * 16;
            return List.of(with(p, content, content - 1, 1, 200, p.fileName(), p.data()));
        });
    }

    @Test
    void packetsForAnotherClient() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "refusal other client");
            List<FilePacket> all = Peer.packets(who, NameField.utf8("f.bin"), Peer.randomBytes(1, 3000),
                    Peer.Dialect.STANDARD);
            c.send(who.id(), all.getFirst());
            c.send(ClientId.random(new java.util.Random(4)), all.get(1));
            c.expectErrorAndClose();
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    @Test
    void aPacketAfterTheLastBeforeTheVerdict() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "refusal extra packet");
            List<FilePacket> all = Peer.packets(who, NameField.utf8("f.bin"), Peer.randomBytes(1, 3000),
                    Peer.Dialect.STANDARD);
            for (FilePacket p : all) {
                c.send(who.id(), p);
            }
            c.expect(dropvault.protocol.FileReceived.class);
            // not the first packet again (that starts the file anew, as a 901 would)
            c.send(who.id(), all.get(1));
            c.expectErrorAndClose();
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }
}
