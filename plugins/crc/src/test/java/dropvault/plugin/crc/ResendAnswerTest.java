package dropvault.plugin.crc;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.protocol.CrcReport;
import dropvault.protocol.FileReceived;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.Thanks;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 901 conflict of PROTOCOL.md §8: a client that waits for a 1604 after 901 gets one once the
 * configured wait passes with no packet; a client that resends at once never sees it. No test waits
 * on a clock: the waiting client blocks on the 1604 itself, and the one that resends at once has its
 * packets in the same write as its 901, so they are there before the server could answer.
 */
class ResendAnswerTest {
    @TempDir
    Path data;

    private static final String FILE = "again.bin";

    @Test
    void aClientThatWaitsGets1604AfterEach901() throws Exception {
        try (TestServer server = TestServer.start(data,
                c -> c.withResendAnswerWait(Optional.of(Duration.ofMillis(50))));
             TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "waits after 901");
            for (int i = 0; i < 3; i++) {
                Peer.upload(c, who, FILE, Peer.randomBytes(i, 3000), Peer.Dialect.STANDARD);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.RETRY, NameField.utf8(FILE)));
                assertEquals(who.id(), c.expect(Thanks.class).clientId(), "1604 answers a 901 no packet follows");
            }
            byte[] last = Peer.randomBytes(7, 3000);
            Peer.upload(c, who, FILE, last, Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(FILE)));
            c.expect(Thanks.class);
            assertArrayEquals(last, Files.readAllBytes(server.clientFolder(who.id()).resolve(FILE)));
        }
    }

    @Test
    void aClientThatResendsAtOnceGets1603Next() throws Exception {
        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "resends at once");
            Peer.upload(c, who, FILE, Peer.randomBytes(1, 5000), Peer.Dialect.STANDARD);
            byte[] again = Peer.randomBytes(2, 5000);
            c.sendRaw(verdictThenPackets(who, again));
            FileReceived received = c.expect(FileReceived.class);
            assertEquals(dropvault.crypto.Cksum.of(again), received.cksum());
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(FILE)));
            c.expect(Thanks.class);
            assertArrayEquals(again, Files.readAllBytes(server.clientFolder(who.id()).resolve(FILE)));
        }
    }

    @Test
    void turnedOffTheServerNeverAnswers901() throws Exception {
        try (TestServer server = TestServer.start(data, c -> c.withResendAnswerWait(Optional.empty()));
             TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "no answer to 901");
            Peer.upload(c, who, FILE, Peer.randomBytes(3, 2000), Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.RETRY, NameField.utf8(FILE)));
            byte[] again = Peer.randomBytes(4, 2000);
            Peer.upload(c, who, FILE, again, Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(FILE)));
            c.expect(Thanks.class);
            assertArrayEquals(again, Files.readAllBytes(server.clientFolder(who.id()).resolve(FILE)));
        }
    }

    /** 901 and every packet of the resend, in one write. */
    private static byte[] verdictThenPackets(Peer.Identity who, byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RequestEncoder.encode(who.id(), new CrcReport(CrcReport.Verdict.RETRY, NameField.utf8(FILE))));
        List<FilePacket> packets = Peer.packets(who, NameField.utf8(FILE), plain, Peer.Dialect.STANDARD);
        for (FilePacket p : packets) {
            out.writeBytes(RequestEncoder.encode(who.id(), p));
        }
        return out.toByteArray();
    }
}
