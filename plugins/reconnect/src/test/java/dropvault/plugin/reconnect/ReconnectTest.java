package dropvault.plugin.reconnect;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dropvault.protocol.ClientId;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRefused;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.RegistrationFailed;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 827: 1605 with a fresh key for a known client; otherwise 1606 and either continuation of §5. */
class ReconnectTest {
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

    private static byte[] publicKey() {
        return Peer.CRYPTO.encodePublicKey(Peer.KEYS.getPublic());
    }

    @Test
    void aKnownClientGets1605WithAFreshKeyEachTime() throws Exception {
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "reconnect alice");
        }
        byte[] first;
        try (TestClient c = server.connect()) {
            c.send(who.id(), new ReconnectRequest(NameField.of("reconnect alice")));
            Reconnected r = c.expect(Reconnected.class);
            assertEquals(who.id(), r.clientId());
            first = Peer.unwrap(r.wrappedKey());
            // the new key is the one the upload uses on this connection
            Peer.upload(c, new Peer.Identity(who.id(), who.name(), first), "after reconnect.txt",
                    Peer.randomBytes(2, 3000), Peer.Dialect.STANDARD);
        }
        try (TestClient c = server.connect()) {
            c.send(who.id(), new ReconnectRequest(NameField.of("reconnect alice")));
            byte[] second = Peer.unwrap(c.expect(Reconnected.class).wrappedKey());
            assertFalse(Arrays.equals(first, second));
            assertFalse(Arrays.equals(who.aesKey(), second));
        }
    }

    @Test
    void anUnknownClientWithAFreeNameGets1606WithAFreshIdThat825Takes() throws Exception {
        ClientId stale = ClientId.random(new java.util.Random(1));
        try (TestClient c = server.connect()) {
            c.send(stale, new ReconnectRequest(NameField.of("reconnect bob")));
            ClientId fresh = c.expect(ReconnectRefused.class).clientId();
            assertNotEquals(stale, fresh);
            assertNotEquals(ClientId.ZERO, fresh);
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of("reconnect bob")));
            assertEquals(fresh, c.expect(Registered.class).clientId());
            byte[] key = Peer.sendKey(c, fresh, "reconnect bob");
            Peer.upload(c, new Peer.Identity(fresh, "reconnect bob", key), "b.txt", Peer.randomBytes(3, 100),
                    Peer.Dialect.STANDARD);
        }
    }

    @Test
    void anUnknownClientWithAFreeNameGets1606WithAFreshIdThat826Takes() throws Exception {
        ClientId stale = ClientId.random(new java.util.Random(2));
        ClientId fresh;
        try (TestClient c = server.connect()) {
            c.send(stale, new ReconnectRequest(NameField.of("reconnect carol")));
            fresh = c.expect(ReconnectRefused.class).clientId();
            c.send(fresh, new PublicKeyRequest(NameField.of("reconnect carol"), publicKey()));
            KeyIssued issued = c.expect(KeyIssued.class);
            assertEquals(fresh, issued.clientId());
            Peer.unwrap(issued.wrappedKey());
        }
        try (TestClient c = server.connect()) {
            c.send(fresh, new ReconnectRequest(NameField.of("reconnect carol")));
            assertEquals(fresh, c.expect(Reconnected.class).clientId());
        }
    }

    @Test
    void aTakenNameGets1606WithoutAReservation() throws Exception {
        Peer.Identity owner;
        try (TestClient c = server.connect()) {
            owner = Peer.register(c, "reconnect dave");
        }
        ClientId intruder = ClientId.random(new java.util.Random(3));
        try (TestClient c = server.connect()) {
            c.send(intruder, new ReconnectRequest(NameField.of("reconnect dave")));
            assertEquals(intruder, c.expect(ReconnectRefused.class).clientId());
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of("reconnect dave")));
            c.expect(RegistrationFailed.class);
            c.send(intruder, new PublicKeyRequest(NameField.of("reconnect dave"), publicKey()));
            c.expectErrorAndClose();
        }
        try (TestClient c = server.connect()) {
            // the name's owner with the wrong name, and the right name with the owner's id but no key yet: both 1606
            c.send(owner.id(), new ReconnectRequest(NameField.of("reconnect someone else")));
            c.expect(ReconnectRefused.class);
        }
    }

    @Test
    void aClientThatNeverSentItsKeyGets1606WithItsOwnIdAndMaySendItNow() throws Exception {
        ClientId id;
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of("reconnect erin")));
            id = c.expect(Registered.class).clientId();
        }
        try (TestClient c = server.connect()) {
            c.send(id, new ReconnectRequest(NameField.of("reconnect erin")));
            assertEquals(id, c.expect(ReconnectRefused.class).clientId());
            assertEquals(32, Peer.sendKey(c, id, "reconnect erin").length);
        }
    }

    @Test
    void aReconnectElsewhereLeavesTheKeyOfAnUploadInFlight() throws Exception {
        byte[] plain = Peer.randomBytes(8, 5000);
        try (TestClient uploading = server.connect()) {
            Peer.Identity who = Peer.register(uploading, "reconnect frank");
            var packets = Peer.packets(who, NameField.utf8("f.bin"), plain, Peer.Dialect.STANDARD);
            uploading.send(who.id(), packets.getFirst());
            try (TestClient other = server.connect()) {
                other.send(who.id(), new ReconnectRequest(NameField.of("reconnect frank")));
                assertFalse(Arrays.equals(who.aesKey(), Peer.unwrap(other.expect(Reconnected.class).wrappedKey())));
            }
            for (var p : packets.subList(1, packets.size())) {
                uploading.send(who.id(), p);
            }
            assertEquals(dropvault.crypto.Cksum.of(plain),
                    uploading.expect(dropvault.protocol.FileReceived.class).cksum());
        }
    }
}
