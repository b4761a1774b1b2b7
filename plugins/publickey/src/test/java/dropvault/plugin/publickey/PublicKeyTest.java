package dropvault.plugin.publickey;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.Response;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 826: 1602 with an AES key wrapped for the client; a bad key or a foreign id/name gets 1607. */
class PublicKeyTest {
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

    private static ClientId register(TestClient c, String name) throws Exception {
        c.send(ClientId.ZERO, new RegisterRequest(NameField.of(name)));
        return c.expect(Registered.class).clientId();
    }

    @Test
    void answers1602WithA144BytePayloadThatTheClientUnwraps() throws Exception {
        try (TestClient c = server.connect()) {
            ClientId id = register(c, "key alice");
            c.send(id, new PublicKeyRequest(NameField.of("key alice"), Peer.CRYPTO.encodePublicKey(Peer.KEYS.getPublic())));
            Response r = c.read().orElseThrow();
            assertEquals(1602, r.code());
            assertEquals(144, r.header().payloadSize());
            var issued = (dropvault.protocol.KeyIssued) r.payload();
            assertEquals(id, issued.clientId());
            Peer.unwrap(issued.wrappedKey());
        }
    }

    @Test
    void aKeyThatIsNotRsa1024Gets1607() throws Exception {
        byte[] garbage = Peer.randomBytes(1, 160);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        byte[] small = Arrays.copyOf(g.generateKeyPair().getPublic().getEncoded(), 160);
        for (byte[] key : new byte[][] {garbage, small}) {
            try (TestClient c = server.connect()) {
                String name = "bad key " + key.length + key[0];
                ClientId id = register(c, name);
                c.send(id, new PublicKeyRequest(NameField.of(name), key));
                c.expectErrorAndClose();
            }
        }
    }

    @Test
    void anotherNameGets1607() throws Exception {
        try (TestClient c = server.connect()) {
            ClientId id = register(c, "key carol");
            c.send(id, new PublicKeyRequest(NameField.of("key mallory"), Peer.CRYPTO.encodePublicKey(Peer.KEYS.getPublic())));
            c.expectErrorAndClose();
        }
    }

    @Test
    void anotherClientsIdGets1607() throws Exception {
        ClientId victim;
        try (TestClient c = server.connect()) {
            victim = register(c, "key victim");
        }
        try (TestClient c = server.connect()) {
            register(c, "key attacker");
            c.send(victim, new PublicKeyRequest(NameField.of("key victim"), Peer.CRYPTO.encodePublicKey(Peer.KEYS.getPublic())));
            c.expectErrorAndClose();
        }
        try (TestClient c = server.connect()) {
            c.send(victim, new PublicKeyRequest(NameField.of("key victim"), Peer.CRYPTO.encodePublicKey(Peer.KEYS.getPublic())));
            c.expectErrorAndClose();
        }
    }

    @Test
    void theServerGoesOnAfterA1607() throws Exception {
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new PublicKeyRequest(NameField.of("key nobody"), new byte[160]));
            c.expectErrorAndClose();
        }
        try (TestClient c = server.connect()) {
            assertTrue(Peer.register(c, "key after error").aesKey().length == 32);
        }
    }
}
