package dropvault.plugin.crc;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.Thanks;
import dropvault.server.Server;
import dropvault.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 900, 901 and 902, and a connection dropped before the verdict. */
class CrcTest {
    @TempDir
    static Path data;
    static Store store;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        store = Server.openStore(TestServer.config(data));
        server = TestServer.start(data, store, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        store.close();
    }

    private static void verdict(TestClient c, Peer.Identity who, CrcReport.Verdict v, String file) throws Exception {
        c.send(who.id(), new CrcReport(v, NameField.utf8(file)));
    }

    @Test
    void resendsThenAMatch() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "crc resend");
            for (int i = 0; i < 3; i++) {
                Peer.upload(c, who, "r.bin", Peer.randomBytes(i, 4000), Peer.Dialect.STANDARD);
                verdict(c, who, CrcReport.Verdict.RETRY, "r.bin");
            }
            byte[] last = Peer.randomBytes(99, 4000);
            Peer.upload(c, who, "r.bin", last, Peer.Dialect.STANDARD);
            verdict(c, who, CrcReport.Verdict.MATCHED, "r.bin");
            c.expect(Thanks.class);
            assertArrayEquals(last, Files.readAllBytes(server.clientFolder(who.id()).resolve("r.bin")));
            assertTrue(store.file(who.id(), "r.bin").orElseThrow().verified());
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    @Test
    void aFourthResendGets1607() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "crc four resends");
            for (int i = 0; i < 3; i++) {
                Peer.upload(c, who, "r.bin", Peer.randomBytes(i, 100), Peer.Dialect.STANDARD);
                verdict(c, who, CrcReport.Verdict.RETRY, "r.bin");
            }
            Peer.upload(c, who, "r.bin", Peer.randomBytes(4, 100), Peer.Dialect.STANDARD);
            verdict(c, who, CrcReport.Verdict.RETRY, "r.bin");
            c.expectErrorAndClose();
            assertFalse(Files.exists(server.clientFolder(who.id()).resolve("r.bin")));
            assertTrue(store.file(who.id(), "r.bin").isEmpty());
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    @Test
    void giveUpLeavesNothing() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "crc give up");
            Peer.upload(c, who, "g.bin", Peer.randomBytes(5, 3000), Peer.Dialect.STANDARD);
            verdict(c, who, CrcReport.Verdict.ABORT, "g.bin");
            assertEquals(who.id(), c.expect(Thanks.class).clientId());
            assertFalse(Files.exists(server.clientFolder(who.id()).resolve("g.bin")));
            assertTrue(store.file(who.id(), "g.bin").isEmpty());
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    @Test
    void aConnectionDroppedAfter1603KeepsTheFileUnconfirmed() throws Exception {
        Peer.Identity who;
        byte[] content = Peer.randomBytes(6, 3000);
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "crc dropped");
            Peer.upload(c, who, "d.bin", content, Peer.Dialect.STANDARD);
            assertEquals(1, server.temporaryFiles().size());
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
        assertArrayEquals(content, Files.readAllBytes(server.clientFolder(who.id()).resolve("d.bin")));
        assertFalse(store.file(who.id(), "d.bin").orElseThrow().verified());
    }

    @Test
    void aConnectionDroppedInsideAnUploadLeavesNothing() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "crc dropped early");
            var packets = Peer.packets(who, NameField.utf8("e.bin"), Peer.randomBytes(7, 5000), Peer.Dialect.STANDARD);
            c.send(who.id(), packets.get(0));
            c.send(who.id(), packets.get(1));
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    @Test
    void aNewUploadReplacesAVerifiedFileOnlyOnceVerified() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "crc replace");
            Path stored = server.clientFolder(who.id()).resolve("same.txt");
            byte[] first = Peer.randomBytes(10, 2000);
            Peer.upload(c, who, "same.txt", first, Peer.Dialect.STANDARD);
            verdict(c, who, CrcReport.Verdict.MATCHED, "same.txt");
            c.expect(Thanks.class);

            byte[] second = Peer.randomBytes(11, 3000);
            Peer.upload(c, who, "same.txt", second, Peer.Dialect.STANDARD);
            assertArrayEquals(first, Files.readAllBytes(stored));
            verdict(c, who, CrcReport.Verdict.RETRY, "same.txt");
            assertArrayEquals(first, Files.readAllBytes(stored));
            Peer.upload(c, who, "same.txt", second, Peer.Dialect.STANDARD);
            verdict(c, who, CrcReport.Verdict.ABORT, "same.txt");
            c.expect(Thanks.class);
            assertArrayEquals(first, Files.readAllBytes(stored));

            byte[] third = Peer.randomBytes(12, 500);
            Peer.upload(c, who, "same.txt", third, Peer.Dialect.STANDARD);
            verdict(c, who, CrcReport.Verdict.MATCHED, "same.txt");
            c.expect(Thanks.class);
            assertArrayEquals(third, Files.readAllBytes(stored));
        }
    }

    @Test
    void aVerdictForAnotherFileGets1607() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "crc other file");
            Peer.upload(c, who, "mine.bin", Peer.randomBytes(8, 100), Peer.Dialect.STANDARD);
            verdict(c, who, CrcReport.Verdict.MATCHED, "other.bin");
            c.expectErrorAndClose();
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }
}
