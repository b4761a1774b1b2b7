package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.CrcReport;
import dropvault.protocol.FileReceived;
import dropvault.protocol.NameField;
import dropvault.protocol.Thanks;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that never sends 900 (docs/DIALECTS.md): an upload answered with 1603 that the connection's end
 * follows is kept unconfirmed, never in place of a confirmed file; the packets again after 1603 count as a 901.
 */
class UnconfirmedUploadTest {
    @TempDir
    Path data;
    TestServer server;
    dropvault.storage.Store store;

    @AfterEach
    void stop() throws Exception {
        server.stop();
        store.close();
    }

    private dropvault.storage.Store store() {
        return store;
    }

    private void start(java.util.function.UnaryOperator<dropvault.server.ServerConfig> tweak) throws Exception {
        dropvault.server.ServerConfig config = tweak.apply(TestServer.config(data));
        store = dropvault.server.Server.openStore(config);
        server = TestServer.start(data, config, b -> b.store(store));
    }

    /** 827 → 1605: the identity with this connection's AES key. */
    private static Peer.Identity reconnect(TestClient c, Peer.Identity who) throws Exception {
        c.send(who.id(), new dropvault.protocol.ReconnectRequest(NameField.of(who.name())));
        byte[] key = Peer.unwrap(c.expect(dropvault.protocol.Reconnected.class).wrappedKey());
        return new Peer.Identity(who.id(), who.name(), key);
    }

    private static void confirm(TestClient c, Peer.Identity who, String file) throws Exception {
        c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(file)));
        c.expect(Thanks.class);
    }

    @Test
    void anUnconfirmedUploadNeverTakesTheNameOfAConfirmedFile() throws Exception {
        start(c -> c);
        byte[] confirmed = Peer.randomBytes(1, 5000);
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "keeps confirmed");
            Peer.upload(c, who, "f.bin", confirmed, Peer.Dialect.STANDARD);
            confirm(c, who, "f.bin");
        }
        try (TestClient c = server.connect()) {
            Peer.Identity again = reconnect(c, who);
            Peer.upload(c, again, "f.bin", Peer.randomBytes(2, 7000), Peer.Dialect.STANDARD);
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
        FileRecord r = store().file(who.id(), "f.bin").orElseThrow();
        assertTrue(r.verified());
        assertEquals(confirmed.length, r.size());
        assertArrayEquals(confirmed, Files.readAllBytes(server.clientFolder(who.id()).resolve("f.bin")));
        assertEquals(List.of(), store().versions(who.id(), "f.bin"));
    }

    @Test
    void aConfirmedUploadReplacesAnUnconfirmedFileAndKeepsItAsAVersion() throws Exception {
        start(c -> c);
        byte[] first = Peer.randomBytes(3, 3000);
        byte[] second = Peer.randomBytes(4, 4000);
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "unconfirmed first");
            Peer.upload(c, who, "g.bin", first, Peer.Dialect.STANDARD);
        }
        server.awaitConnectionsEnded();
        assertFalse(store().file(who.id(), "g.bin").orElseThrow().verified());
        try (TestClient c = server.connect()) {
            Peer.Identity again = reconnect(c, who);
            Peer.upload(c, again, "g.bin", second, Peer.Dialect.STANDARD);
            confirm(c, again, "g.bin");
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
        assertTrue(store().file(who.id(), "g.bin").orElseThrow().verified());
        assertArrayEquals(second, Files.readAllBytes(server.clientFolder(who.id()).resolve("g.bin")));
        List<FileVersion> versions = store().versions(who.id(), "g.bin");
        assertEquals(1, versions.size());
        assertArrayEquals(first, Files.readAllBytes(data.resolve(versions.get(0).pathName())));
    }

    @Test
    void thePacketsAgainAfter1603CountAsAResendAndTheLastIsKept() throws Exception {
        start(c -> c);
        byte[] last = Peer.randomBytes(9, 2500);
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "resends without 901");
            for (int i = 0; i < 3; i++) {
                FileReceived r = Peer.upload(c, who, "h.bin", Peer.randomBytes(10 + i, 2500), Peer.Dialect.STANDARD);
                assertEquals("h.bin", r.fileName().text());
            }
            Peer.upload(c, who, "h.bin", last, Peer.Dialect.STANDARD);
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
        assertArrayEquals(last, Files.readAllBytes(server.clientFolder(who.id()).resolve("h.bin")));
        assertFalse(store().file(who.id(), "h.bin").orElseThrow().verified());
        assertEquals(List.of(), store().versions(who.id(), "h.bin"));
    }

    @Test
    void aFifthSendingAfter1603Gets1607AndKeepsTheFourth() throws Exception {
        start(c -> c);
        Peer.Identity who;
        byte[] fourth = Peer.randomBytes(23, 700);
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "too many resends");
            for (int i = 0; i < 3; i++) {
                Peer.upload(c, who, "k.bin", Peer.randomBytes(20 + i, 700), Peer.Dialect.STANDARD);
            }
            Peer.upload(c, who, "k.bin", fourth, Peer.Dialect.STANDARD);
            var packets = Peer.packets(who, NameField.utf8("k.bin"), Peer.randomBytes(24, 700), Peer.Dialect.STANDARD);
            c.send(who.id(), packets.get(0));
            assertEquals(1607, c.read().orElseThrow().code());
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
        assertArrayEquals(fourth, Files.readAllBytes(server.clientFolder(who.id()).resolve("k.bin")));
    }

    @Test
    void withTheSettingOffNothingUnconfirmedIsKept() throws Exception {
        start(c -> c.toBuilder().keepUnconfirmed(false).build());
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "setting off");
            Peer.upload(c, who, "m.bin", Peer.randomBytes(30, 900), Peer.Dialect.STANDARD);
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
        assertTrue(store().file(who.id(), "m.bin").isEmpty());
        assertFalse(Files.exists(server.clientFolder(who.id()).resolve("m.bin")));
    }
}
