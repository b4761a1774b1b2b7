package dropvault.storage.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.contract.AtOnce;
import dropvault.storage.spi.StoreProvider;
import dropvault.testing.postgres.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the PostgreSQL store does beyond the contract: several stores on one database, the database going away, options. */
class PostgresStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String SECRET = "s3cret-Pa55word";
    private final Random random = new Random(7);

    @TempDir
    Path dir;

    private static Store open(String url) throws StoreException {
        return open(url, Map.of());
    }

    private static Store open(String url, Map<String, String> extra) throws StoreException {
        Map<String, String> options = new HashMap<>(Map.of("url", url, "user", EmbeddedPostgres.USER));
        options.putAll(extra);
        return new PostgresStoreProvider(name -> name.equals("DROPVAULT_STORE_PASSWORD") ? SECRET : null)
                .open(Path.of("unused"), options);
    }

    @Test
    void storesOfSeveralServersOnOneDatabaseGiveANameAndAnIdOnce() throws Exception {
        String url = EmbeddedPostgres.shared().createDatabase();
        List<Store> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                servers.add(open(url));
            }
            ClientId sharedId = ClientId.random(random);
            List<Boolean> nameWins = AtOnce.run(64, t ->
                    servers.get(t % servers.size()).register(ClientId.random(new Random(t)), "wanted", T0));
            List<Boolean> idWins = AtOnce.run(64, t ->
                    servers.get(t % servers.size()).register(sharedId, "by-id-" + t, T0));
            assertEquals(1, nameWins.stream().filter(Boolean::booleanValue).count());
            assertEquals(1, idWins.stream().filter(Boolean::booleanValue).count());
            for (Store s : servers) {
                assertEquals(2, s.clients().size(), "every server sees what the others committed");
            }
        } finally {
            for (Store s : servers) {
                s.close();
            }
        }
    }

    @Test
    void serversOpeningAFreshDatabaseAtOnceMigrateItOnce() throws Exception {
        String url = EmbeddedPostgres.shared().createDatabase();
        int servers = 6;
        CountDownLatch go = new CountDownLatch(1);
        List<Store> opened = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(servers)) {
            List<Future<Store>> futures = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                futures.add(pool.submit(() -> {
                    assertTrue(go.await(60, TimeUnit.SECONDS));
                    return open(url);
                }));
            }
            go.countDown();
            for (Future<Store> f : futures) {
                opened.add(f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            for (Store s : opened) {
                s.close();
            }
        }
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, "");
             Statement s = c.createStatement();
             var r = s.executeQuery("SELECT count(*), max(version) FROM dropvault_schema")) {
            r.next();
            assertEquals(Schema.VERSION, r.getInt(1), "each version applied once");
            assertEquals(Schema.VERSION, r.getInt(2));
        }
    }

    @Test
    void aDatabaseOfANewerSchemaIsRefused() throws Exception {
        String url = EmbeddedPostgres.shared().createDatabase();
        open(url).close();
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, "");
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO dropvault_schema (version) VALUES (" + (Schema.VERSION + 1) + ")");
        }
        StoreException e = assertThrows(StoreException.class, () -> open(url));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void theDatabaseGoingAwayFailsRequestsWithinTheTimeoutAndTheStoreServesAgainWhenItIsBack() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            String url = pg.createDatabase();
            try (Store store = open(url, Map.of("timeout.millis", "1000"))) {
                ClientId before = ClientId.random(random);
                assertTrue(store.register(before, "before", T0));
                pg.stop();
                long start = System.nanoTime();
                StoreException down = assertThrows(StoreException.class,
                        () -> store.register(ClientId.random(random), "during", T0));
                assertFalse(down.getMessage().contains(SECRET), "the password stays out of messages");
                assertThrows(StoreException.class, () -> store.client(before));
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30),
                        "a request with the database down fails within its timeout, it does not hang");
                pg.restart();
                assertEquals("before", onceServing(() -> store.client(before)).orElseThrow().name(),
                        "served again, no restart");
                assertTrue(store.register(ClientId.random(random), "after", T0));
                assertEquals(List.of("after", "before"),
                        store.clients().stream().map(ClientRecord::name).sorted().toList(),
                        "the request that failed while it was down took no effect");
            }
        }
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T call() throws StoreException;
    }

    /**
     * The first answer of {@code call} once the store serves again: the pool makes its connections
     * anew after the database is back, and on a loaded machine the first may take longer than the
     * request's timeout. Gives up after 30 s.
     */
    private static <T> T onceServing(StoreCall<T> call) throws StoreException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return call.call();
            } catch (StoreException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Test
    void optionsAreCheckedAndThePasswordNeverAppearsInAMessage() throws Exception {
        StoreException noUrl = assertThrows(StoreException.class,
                () -> new PostgresStoreProvider().open(dir, Map.of("user", "u")));
        assertTrue(noUrl.getMessage().contains("store.option.url"), noUrl.getMessage());
        StoreException notPg = assertThrows(StoreException.class,
                () -> new PostgresStoreProvider().open(dir, Map.of("url", "jdbc:mysql://x/y", "user", "u")));
        assertTrue(notPg.getMessage().contains("jdbc:postgresql"), notPg.getMessage());
        Path missing = dir.resolve("no-such-password-file");
        StoreException noFile = assertThrows(StoreException.class, () -> new PostgresStoreProvider().open(dir,
                Map.of("url", "jdbc:postgresql://127.0.0.1:1/x", "user", "u", "password.file", missing.toString())));
        assertTrue(noFile.getMessage().contains(missing.toString()), noFile.getMessage());
        assertThrows(StoreException.class, () -> open("jdbc:postgresql://127.0.0.1:1/x", Map.of("pool.size", "0")));

        Path file = Files.writeString(dir.resolve("password"), SECRET + "\n");
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StoreException unreachable = assertThrows(StoreException.class, () -> new PostgresStoreProvider().open(dir,
                Map.of("url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/x?password=" + SECRET,
                        "user", "u", "password.file", file.toString(), "timeout.millis", "500")));
        assertTrue(unreachable.getMessage().contains("cannot connect"), unreachable.getMessage());
        assertFalse(unreachable.getMessage().contains(SECRET), unreachable.getMessage());
    }

    @Test
    void serviceLoaderFindsThePostgresProvider() throws Exception {
        getClass().getModule().addUses(StoreProvider.class);
        StoreProvider provider = ServiceLoader.load(StoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("postgresql"))
                .findFirst()
                .orElseThrow();
        String url = EmbeddedPostgres.shared().createDatabase();
        try (Store store = provider.open(dir, Map.of("url", url, "user", EmbeddedPostgres.USER))) {
            assertTrue(store.register(ClientId.random(random), "ken", T0));
        }
    }
}
