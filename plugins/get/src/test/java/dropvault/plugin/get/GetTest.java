package dropvault.plugin.get;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.retrieval.NotAvailable.Reason;
import dropvault.retrieval.RetrievalCodes;
import dropvault.server.testkit.Peer;
import dropvault.server.testkit.SealedPeer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.TestServer;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 841 against a real server: contents and versions back, refusals out of turn, and a server that is not held. */
class GetTest {
    @TempDir
    Path data;

    @Test
    void aFileAndEachVersionComeBackAsTheyWereSent() throws Exception {
        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "alice");
            byte[] first = Peer.randomBytes(1, 200_000);
            byte[] second = Peer.randomBytes(2, 3 * RetrievalCodes.PIECE_SIZE);
            Peer.store(c, who, "notes.txt", first);
            Peer.store(c, who, "notes.txt", second);
            Peer.store(c, who, "empty", new byte[0]);
            SealedPeer sealed = new SealedPeer(c, who);

            assertArrayEquals(second, sealed.get("notes.txt", 0).content());
            assertArrayEquals(first, sealed.get("notes.txt", 1).content());
            SealedPeer.Download empty = sealed.get("empty", 0);
            assertEquals(0, empty.header().size());
            assertEquals(0, empty.content().length);
            assertEquals(Reason.NO_SUCH_FILE, sealed.getRefused("other.txt", 0).reason());
            assertEquals(Reason.NO_SUCH_VERSION, sealed.getRefused("notes.txt", 2).reason());
            // the connection goes on: an upload after the downloads
            Peer.store(c, who, "later", first);
            assertArrayEquals(first, sealed.get("later", 0).content());
        }
    }

    @Test
    void outOfItsTurnItIsRefusedAndTheConnectionEnds() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            Peer.Identity alice;
            try (TestClient c = server.connect()) {
                alice = Peer.register(c, "alice");
                Peer.store(c, alice, "a", new byte[10]);
            }
            try (TestClient c = server.connect()) {
                // named by 1600, but no key exchange on this connection
                c.send(ClientId.ZERO, new RegisterRequest(NameField.of("bob")));
                ClientId bob = c.expect(Registered.class).clientId();
                new SealedPeer(c, new Peer.Identity(bob, "bob", alice.aesKey())).send(RetrievalCodes.GET, new byte[0]);
                c.expectErrorAndClose();
            }
            try (TestClient c = server.connect()) {
                Peer.Identity bob = Peer.register(c, "bob2");
                // alice's id on bob's connection
                new SealedPeer(c, new Peer.Identity(alice.id(), "alice", bob.aesKey())).send(RetrievalCodes.LIST,
                        new byte[0]);
                c.expectErrorAndClose();
            }
            try (TestClient c = server.connect()) {
                Peer.Identity carol = Peer.register(c, "carol");
                List<FilePacket> packets = Peer.packets(carol, NameField.utf8("x"), new byte[5000], Peer.Dialect.STANDARD);
                c.send(carol.id(), packets.getFirst());
                new SealedPeer(c, carol).send(RetrievalCodes.LIST, new byte[0]);
                c.expectErrorAndClose();
            }
            try (TestClient c = server.connect()) {
                Peer.Identity dave = Peer.register(c, "dave");
                // it opens, but holds no name and version
                new SealedPeer(c, dave).send(RetrievalCodes.GET, new byte[] {1, 2, 3});
                c.expectErrorAndClose();
            }
            assertTrue(server.temporaryFilesLeft().isEmpty());
        }
    }

    @Test
    void bytesShorterThanTheRecordEndTheConnectionAndMissingOnesAreNotAvailable() throws Exception {
        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "alice");
            Peer.store(c, who, "cut", Peer.randomBytes(3, 200_000));
            Peer.store(c, who, "gone", Peer.randomBytes(4, 100));
            try (FileChannel ch = FileChannel.open(server.clientFolder(who.id()).resolve("cut"), StandardOpenOption.WRITE)) {
                ch.truncate(100_000);
            }
            Files.delete(server.clientFolder(who.id()).resolve("gone"));
            SealedPeer sealed = new SealedPeer(c, who);

            assertEquals(Reason.UNREADABLE, sealed.getRefused("gone", 0).reason());
            sealed.send(RetrievalCodes.GET, new dropvault.retrieval.ContentRequest("cut", 0).encode());
            sealed.expect(RetrievalCodes.CONTENT_BEGINS);
            sealed.expect(RetrievalCodes.CONTENT_PIECE);
            c.expectErrorAndClose();
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAtTheIdleTimeout() throws Exception {
        try (TestServer server = TestServer.start(data, cfg -> cfg.withLimits(256, 128, Duration.ofSeconds(1)))) {
            try (TestClient c = server.connect()) {
                Peer.Identity who = Peer.register(c, "alice");
                // streamed as it is encrypted: the connection is never idle for the 1 s timeout
                Peer.uploadStreamed(c, who, "big", new Peer.StreamedFile(32 << 20, 5));
                Peer.confirm(c, who, "big");
                new SealedPeer(c, who).send(RetrievalCodes.GET, new dropvault.retrieval.ContentRequest("big", 0).encode());
                // nothing read: the server's writes block once the socket buffers are full
                server.awaitConnectionsEnded();
            }
        }
    }
}
