package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Response;
import dropvault.server.Server;
import dropvault.storage.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No order of 825, 826 and 827 replaces a client's public key: an attacker who knows the victim's
 * name and id sends every sequence of up to three such requests, on one connection and one
 * connection each, and the victim's stored key, and its use, stay what they were.
 */
class KeyExchangeOrderTest {
    private static final byte[] ATTACKER_KEY = CryptoSuites.jdk().encodePublicKey(
            CryptoSuites.jdk().generateKeyPair().getPublic());

    @TempDir
    static Path data;
    static Store store;
    static TestServer server;
    static Peer.Identity victim;
    static byte[] victimKey;
    static int fresh;

    @BeforeAll
    static void start() throws Exception {
        store = Server.openStore(TestServer.config(data));
        server = TestServer.start(data, store, Clock.systemUTC());
        try (TestClient c = server.connect()) {
            victim = Peer.register(c, "victim");
        }
        victimKey = store.client(victim.id()).orElseThrow().publicKey().orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        store.close();
    }

    /** What the attacker may send; each needs only the victim's name and id. */
    enum Move {
        REGISTER_VICTIM_NAME, REGISTER_OWN_NAME, KEY_FOR_VICTIM, KEY_OWN_ID_VICTIM_NAME, RECONNECT_AS_VICTIM,
        RECONNECT_VICTIM_NAME_WRONG_ID
    }

    private static final ClientId WRONG_ID = ClientId.fromHex("00112233445566778899aabbccddeeff");

    @Test
    void everyOrderOnOneConnectionLeavesTheVictimsKey() throws Exception {
        for (List<Move> sequence : sequences(3)) {
            try (TestClient c = server.connect()) {
                ClientId own = ClientId.ZERO;
                for (Move m : sequence) {
                    Optional<ClientId> registered = send(c, m, own);
                    if (registered == null) {
                        break;
                    }
                    own = registered.orElse(own);
                }
            }
            assertVictimUntouched(sequence + " on one connection");
        }
    }

    @Test
    void everyOrderOverSeveralConnectionsLeavesTheVictimsKey() throws Exception {
        for (List<Move> sequence : sequences(3)) {
            ClientId own = ClientId.ZERO;
            for (Move m : sequence) {
                try (TestClient c = server.connect()) {
                    Optional<ClientId> registered = send(c, m, own);
                    own = registered == null ? own : registered.orElse(own);
                }
            }
            assertVictimUntouched(sequence + " one connection each");
        }
    }

    @Test
    void theVictimStillReconnectsAndItsKeyUnwraps() throws Exception {
        everyOrderOnOneConnectionLeavesTheVictimsKey();
        try (TestClient c = server.connect()) {
            c.send(victim.id(), new ReconnectRequest(NameField.of(victim.name())));
            Reconnected r = c.expect(Reconnected.class);
            assertEquals(32, Peer.unwrap(r.wrappedKey()).length);
        }
    }

    /** Sends {@code m}; the id a 1600 gave (empty when none), or null when the connection ended. */
    private static Optional<ClientId> send(TestClient c, Move m, ClientId own) throws IOException {
        String ownName = "attacker " + fresh++;
        try {
            switch (m) {
                case REGISTER_VICTIM_NAME -> c.send(ClientId.ZERO, new RegisterRequest(NameField.of(victim.name())));
                case REGISTER_OWN_NAME -> c.send(ClientId.ZERO, new RegisterRequest(NameField.of(ownName)));
                case KEY_FOR_VICTIM -> c.send(victim.id(), new PublicKeyRequest(NameField.of(victim.name()), ATTACKER_KEY));
                case KEY_OWN_ID_VICTIM_NAME -> c.send(own, new PublicKeyRequest(NameField.of(victim.name()), ATTACKER_KEY));
                case RECONNECT_AS_VICTIM -> c.send(victim.id(), new ReconnectRequest(NameField.of(victim.name())));
                case RECONNECT_VICTIM_NAME_WRONG_ID -> c.send(WRONG_ID, new ReconnectRequest(NameField.of(victim.name())));
            }
            Optional<Response> r = c.read();
            if (r.isEmpty() || r.get().code() == 1607) {
                return null;
            }
            if (r.get().payload() instanceof dropvault.protocol.KeyIssued issued) {
                assertTrue(!issued.clientId().equals(victim.id()), m + " keyed the victim");
            }
            return r.get().payload() instanceof dropvault.protocol.Registered reg ? Optional.of(reg.clientId())
                    : Optional.empty();
        } catch (java.net.SocketException e) {
            return null;
        }
    }

    private static void assertVictimUntouched(String how) throws Exception {
        var now = store.client(victim.id()).orElseThrow();
        assertEquals(victim.name(), now.name(), how);
        assertArrayEquals(victimKey, now.publicKey().orElseThrow(), how);
    }

    private static List<List<Move>> sequences(int maxLength) {
        List<List<Move>> all = new ArrayList<>();
        List<List<Move>> last = List.of(List.of());
        for (int n = 1; n <= maxLength; n++) {
            List<List<Move>> next = new ArrayList<>();
            for (List<Move> s : last) {
                for (Move m : Move.values()) {
                    List<Move> longer = new ArrayList<>(s);
                    longer.add(m);
                    next.add(List.copyOf(longer));
                }
            }
            all.addAll(next);
            last = next;
        }
        return all;
    }
}
