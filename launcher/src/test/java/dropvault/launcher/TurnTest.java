package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.RequestEncoder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unknown code, a malformed frame or a code out of its turn: 1607, the connection closes, the server goes on. */
class TurnTest {
    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static int sessions;

    /** After each refusal, a whole session still works. */
    @AfterEach
    void serverGoesOn() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "turn check " + (++sessions));
            Peer.upload(c, who, "ok.bin", Peer.randomBytes(sessions, 2000), Peer.Dialect.STANDARD);
        }
    }

    @Test
    void anUnknownCode() throws Exception {
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new OpaquePayload(777, new byte[10]));
            c.expectErrorAndClose();
        }
    }

    @Test
    void anUnknownCodeWithAHugeDeclaredSize() throws Exception {
        byte[] frame = RequestEncoder.encode(ClientId.ZERO, new OpaquePayload(999, new byte[0]));
        frame[19] = (byte) 0xFF;
        frame[20] = (byte) 0xFF;
        frame[21] = (byte) 0xFF;
        frame[22] = (byte) 0x7F;
        try (TestClient c = server.connect()) {
            c.sendRaw(frame);
            c.expectErrorAndClose();
        }
    }

    @Test
    void aPacketDeclaringMoreThanTheLimit() throws Exception {
        byte[] frame = RequestEncoder.encode(ClientId.ZERO, new RegisterRequest(NameField.of("x")));
        frame[17] = (byte) (828 & 0xFF);
        frame[18] = (byte) (828 >> 8);
        frame[19] = 0;
        frame[20] = 0;
        frame[21] = 0;
        // beyond a whole file of max.file.size in one packet
        frame[22] = (byte) 0xF0;
        try (TestClient c = server.connect()) {
            c.sendRaw(java.util.Arrays.copyOf(frame, 23));
            c.expectErrorAndClose();
        }
    }

    @Test
    void aRegistrationWithAWrongPayloadSize() throws Exception {
        byte[] frame = RequestEncoder.encode(ClientId.ZERO, new OpaquePayload(825, new byte[256]));
        try (TestClient c = server.connect()) {
            c.sendRaw(frame);
            c.expectErrorAndClose();
        }
        // shorter is an unpadded name (PROTOCOL.md §8): 100 NULs name no one
        byte[] empty = RequestEncoder.encode(ClientId.ZERO, new OpaquePayload(825, new byte[100]));
        try (TestClient c = server.connect()) {
            c.sendRaw(empty);
            c.expect(dropvault.protocol.RegistrationFailed.class);
        }
    }

    @Test
    void aVerdictWithNoUpload() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "turn verdict first");
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("x.bin")));
            c.expectErrorAndClose();
        }
        for (CrcReport.Verdict v : CrcReport.Verdict.values()) {
            try (TestClient c = server.connect()) {
                c.send(ClientId.ZERO, new CrcReport(v, NameField.utf8("x.bin")));
                c.expectErrorAndClose();
            }
        }
    }

    @Test
    void aVerdictDuringAnUnfinishedUpload() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "turn verdict early");
            var packets = Peer.packets(who, NameField.utf8("x.bin"), Peer.randomBytes(1, 3000), Peer.Dialect.STANDARD);
            c.send(who.id(), packets.getFirst());
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("x.bin")));
            c.expectErrorAndClose();
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    @Test
    void aSecondRegistrationOnOneConnection() throws Exception {
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of("turn twice a")));
            c.expect(Registered.class);
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of("turn twice b")));
            c.expectErrorAndClose();
        }
    }

    @Test
    void aReconnectAfterARegistration() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "turn reconnect after");
            c.send(who.id(), new ReconnectRequest(NameField.of("turn reconnect after")));
            c.expectErrorAndClose();
        }
    }

    @Test
    void aTruncatedFrameJustClosesTheConnection() throws Exception {
        try (TestClient c = server.connect()) {
            byte[] frame = RequestEncoder.encode(ClientId.ZERO, new RegisterRequest(NameField.of("turn cut")));
            c.sendRaw(java.util.Arrays.copyOf(frame, 100));
            c.close();
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
    }
}
