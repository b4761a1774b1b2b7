package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.Thanks;
import dropvault.server.Server;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients and verified files survive a restart of the server. */
class RestartTest {
    @TempDir
    Path data;

    @Test
    void aClientReconnectsAndItsFilesAreStillRecordedAfterARestart() throws Exception {
        byte[] plain = Peer.randomBytes(42, 12_345);
        Peer.Identity who;
        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            who = Peer.register(c, "restart alice");
            Peer.upload(c, who, "kept.bin", plain, Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("kept.bin")));
            c.expect(Thanks.class);
        }

        try (Store store = Server.openStore(TestServer.config(data))) {
            ClientRecord client = store.client(who.id()).orElseThrow();
            assertEquals("restart alice", client.name());
            assertArrayEquals(Peer.CRYPTO.encodePublicKey(Peer.KEYS.getPublic()), client.publicKey().orElseThrow());
            FileRecord file = store.file(who.id(), "kept.bin").orElseThrow();
            assertTrue(file.verified());
            assertEquals("files/" + who.id().hex() + "/kept.bin", file.pathName());
            assertArrayEquals(plain, Files.readAllBytes(data.resolve(file.pathName())));
        }

        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            c.send(who.id(), new ReconnectRequest(NameField.of("restart alice")));
            Reconnected r = c.expect(Reconnected.class);
            assertEquals(who.id(), r.clientId());
            byte[] key = Peer.unwrap(r.wrappedKey());
            byte[] more = Peer.randomBytes(43, 999);
            Peer.upload(c, new Peer.Identity(who.id(), who.name(), key), "second.bin", more, Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("second.bin")));
            c.expect(Thanks.class);
            assertArrayEquals(plain, Files.readAllBytes(server.clientFolder(who.id()).resolve("kept.bin")));
        }

        try (Store store = Server.openStore(TestServer.config(data))) {
            assertEquals(2, store.files(who.id()).size());
        }
    }

    @Test
    void leftoverTemporaryFilesAreRemovedAtStart() throws Exception {
        Path folder = data.resolve("files").resolve("00112233445566778899aabbccddeeff");
        Files.createDirectories(folder);
        Files.write(folder.resolve(".upload-123.part"), new byte[10]);
        Files.write(folder.resolve("kept.txt"), new byte[10]);
        try (TestServer server = TestServer.start(data)) {
            assertEquals(java.util.List.of(), server.temporaryFilesLeft());
            assertTrue(Files.exists(folder.resolve("kept.txt")));
        }
    }
}
