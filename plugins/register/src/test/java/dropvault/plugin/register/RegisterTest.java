package dropvault.plugin.register;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.protocol.Protocol;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.RegistrationFailed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 825: a free valid name gets 1600 and a fresh id; a taken or invalid one gets 1601. */
class RegisterTest {
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

    private static ClientId registered(String name) throws Exception {
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of(name)));
            return c.expect(Registered.class).clientId();
        }
    }

    @Test
    void freeNamesGetFreshIds() throws Exception {
        ClientId a = registered("register alice");
        ClientId b = registered("register bob");
        assertNotEquals(ClientId.ZERO, a);
        assertNotEquals(a, b);
    }

    @Test
    void aTakenNameGets1601AndTheConnectionStaysUsable() throws Exception {
        registered("register taken");
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of("register taken")));
            c.expect(RegistrationFailed.class);
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of("register taken, second try")));
            c.expect(Registered.class);
        }
    }

    @Test
    void invalidNamesGet1601() throws Exception {
        byte[] empty = new byte[Protocol.NAME_SIZE];
        byte[] control = new byte[Protocol.NAME_SIZE];
        control[0] = 'a';
        control[1] = 7;
        byte[] noNul = new byte[Protocol.NAME_SIZE];
        java.util.Arrays.fill(noNul, (byte) 'x');
        byte[] latin = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] utf8 = java.util.Arrays.copyOf(latin, Protocol.NAME_SIZE);
        for (byte[] field : new byte[][] {empty, control, noNul, utf8}) {
            try (TestClient c = server.connect()) {
                c.send(ClientId.ZERO, new RegisterRequest(NameField.wrap(field, 0)));
                c.expect(RegistrationFailed.class);
            }
        }
    }

    @Test
    void concurrentRegistrationsOfOneNameGiveOneWinner() throws Exception {
        int n = 8;
        var results = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                pool.submit(() -> {
                    try (TestClient c = server.connect()) {
                        c.send(ClientId.ZERO, new RegisterRequest(NameField.of("register race")));
                        results.add(c.read().orElseThrow().code());
                    }
                    return null;
                });
            }
        }
        assertEquals(n, results.size());
        assertEquals(1, results.stream().filter(code -> code == 1600).count());
        assertTrue(results.stream().allMatch(code -> code == 1600 || code == 1601));
    }
}
