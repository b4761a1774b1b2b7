package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRefused;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.RegistrationFailed;
import dropvault.server.Server;
import dropvault.storage.Store;
import dropvault.tls.ClientCertificate;
import dropvault.tls.ServerTrust;
import dropvault.tls.TlsClient;
import dropvault.tls.TlsProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key-bound clients, as the 826 and 827 plugins decide: a registration or reconnection over TLS whose
 * certificate holds the client's key binds it; a bound client reconnects only with that proof, on
 * either port; a client never bound is served as before.
 */
class KeyBindingTest {
    /** The certificate of the key every {@link Peer} registers with. */
    private static final ClientCertificate OWN = ClientCertificate.of(Peer.KEYS.getPrivate()).orElseThrow();
    /** A certificate of another key. */
    private static final ClientCertificate OTHER = ClientCertificate.of(Peer.CRYPTO.generateKeyPair().getPrivate())
            .orElseThrow();

    @TempDir
    static Path data;
    static Store store;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        store = Server.openStore(TestServer.config(data));
        server = TestServer.start(data, TestServer.config(data).toBuilder().tlsPort(OptionalInt.of(0)).build(),
                b -> b.store(store));
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        store.close();
    }

    /** A connection to the TLS port (provider {@code jdk} or {@code conscrypt}) presenting {@code certificate}, if any. */
    private static TestClient tls(String provider, Optional<ClientCertificate> certificate) throws Exception {
        InetSocketAddress at = server.server().tlsAddress().orElseThrow();
        return new TestClient(TlsClient.handshake(TestClient.connected(at), TlsClient.context(
                TlsProvider.choose(provider), ServerTrust.fingerprint(Optional.empty()), certificate),
                "127.0.0.1", at.getPort()));
    }

    private static TestClient tls(Optional<ClientCertificate> certificate) throws Exception {
        return tls("jdk", certificate);
    }

    private static boolean keyBound(Peer.Identity who) throws Exception {
        return store.client(who.id()).orElseThrow().keyBound();
    }

    /** 827 as {@code who} on {@code c}: true for 1605 (and its key unwraps), false for 1606. */
    private static boolean reconnects(TestClient c, Peer.Identity who) throws Exception {
        try (c) {
            c.send(who.id(), new ReconnectRequest(NameField.of(who.name())));
            var r = c.read().orElseThrow();
            if (r.payload() instanceof Reconnected k) {
                Peer.unwrap(k.wrappedKey());
                return true;
            }
            assertEquals(who.id(), ((ReconnectRefused) r.payload()).clientId());
            return false;
        }
    }

    /** 827 on the plain port, over TLS without a certificate and with another key's: each as {@code expected}. */
    private static void everyWayWithoutProof(Peer.Identity who, boolean expected) throws Exception {
        assertEquals(expected, reconnects(server.connect(), who), "plain port");
        assertEquals(expected, reconnects(tls(Optional.empty()), who), "TLS without a certificate");
        assertEquals(expected, reconnects(tls(Optional.of(OTHER)), who), "TLS with another key's certificate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "conscrypt"})
    void aRegistrationOverTlsWithItsKeysCertificateBindsTheClient(String provider) throws Exception {
        Peer.Identity who;
        try (TestClient c = tls(provider, Optional.of(OWN))) {
            who = Peer.register(c, "bound at 826 " + provider);
        }
        assertTrue(keyBound(who));
        everyWayWithoutProof(who, false);
        assertTrue(reconnects(tls(provider, Optional.of(OWN)), who), "with the proof it reconnects");
        try (TestClient c = tls(provider, Optional.of(OWN))) {
            c.send(who.id(), new ReconnectRequest(NameField.of(who.name())));
            byte[] key = Peer.unwrap(c.expect(Reconnected.class).wrappedKey());
            Peer.upload(c, new Peer.Identity(who.id(), who.name(), key), "after binding.txt",
                    Peer.randomBytes(5, 3000), Peer.Dialect.STANDARD);
        }
        assertTrue(keyBound(who), "and stays bound");
    }

    @Test
    void aRegistrationWithoutTheProofOfTheKeyItSendsBindsNothing() throws Exception {
        Peer.Identity plain;
        try (TestClient c = server.connect()) {
            plain = Peer.register(c, "not bound, plain");
        }
        Peer.Identity noCertificate;
        try (TestClient c = tls(Optional.empty())) {
            noCertificate = Peer.register(c, "not bound, no certificate");
        }
        Peer.Identity otherKey;
        try (TestClient c = tls(Optional.of(OTHER))) {
            otherKey = Peer.register(c, "not bound, another key's certificate");
        }
        for (Peer.Identity who : List.of(plain, noCertificate, otherKey)) {
            assertFalse(keyBound(who), who.name());
            everyWayWithoutProof(who, true);
            assertFalse(keyBound(who), who.name() + ": today's behaviour, unbound");
        }
    }

    @Test
    void aReconnectionWithTheProofBindsAClientNeverBoundAndFromThenOnTheProofIsNeeded() throws Exception {
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "bound at 827");
        }
        assertTrue(reconnects(server.connect(), who));
        assertFalse(keyBound(who));
        assertTrue(reconnects(tls(Optional.of(OWN)), who));
        assertTrue(keyBound(who));
        everyWayWithoutProof(who, false);
        assertTrue(reconnects(tls("conscrypt", Optional.of(OWN)), who));
    }

    @Test
    void aRefusedKeyBoundClientReservesNothingAnd825Or826CannotTouchIt() throws Exception {
        Peer.Identity who;
        try (TestClient c = tls(Optional.of(OWN))) {
            who = Peer.register(c, "bound, attacked");
        }
        byte[] key = store.client(who.id()).orElseThrow().publicKey().orElseThrow();
        try (TestClient c = server.connect()) {
            c.send(who.id(), new ReconnectRequest(NameField.of(who.name())));
            assertEquals(who.id(), c.expect(ReconnectRefused.class).clientId());
            c.send(who.id(), new PublicKeyRequest(NameField.of(who.name()), Peer.CRYPTO.encodePublicKey(
                    Peer.CRYPTO.generateKeyPair().getPublic())));
            c.expectErrorAndClose();
        }
        try (TestClient c = tls(Optional.of(OTHER))) {
            c.send(who.id(), new ReconnectRequest(NameField.of(who.name())));
            c.expect(ReconnectRefused.class);
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of(who.name())));
            c.expect(RegistrationFailed.class);
        }
        assertTrue(java.util.Arrays.equals(key, store.client(who.id()).orElseThrow().publicKey().orElseThrow()));
        assertTrue(keyBound(who));
        server.awaitConnectionsEnded();
    }
}
