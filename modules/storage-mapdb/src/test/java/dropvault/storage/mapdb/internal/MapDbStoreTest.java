package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.spi.StoreProvider;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;

/** What is MapDB's own: durability of touches, the file and its lock, options, formats; the rest is the Store contract (MapDbStoreContractTest). */
class MapDbStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:15:30.123456789Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    @TempDir
    Path dir;

    private final Random random = new Random(42);

    private Store open() throws StoreException {
        return new MapDbStoreProvider().open(dir, Map.of());
    }

    @Test
    void touchBecomesDurableWithoutClose() throws Exception {
        ClientId id = ClientId.random(random);
        try (MapDbStore store = (MapDbStore) new MapDbStoreProvider().open(dir,
                Map.of("mapdb.lastSeenDelayMillis", "0"))) {
            store.register(id, "erin", T0);
            long before = store.commitCount();
            store.touch(id, T1);
            while (store.commitCount() == before) {
                Thread.yield();
            }
        }
        try (Store store = open()) {
            assertEquals(T1, store.client(id).orElseThrow().lastSeen());
        }
    }

    @Test
    void touchesOfOneClientAreOneWriteAtTheNextCommitAndSurviveReopen() throws Exception {
        ClientId id = ClientId.random(random);
        Instant last = T0.plusSeconds(100);
        try (MapDbStore store = (MapDbStore) new MapDbStoreProvider().open(dir,
                Map.of("mapdb.lastSeenDelayMillis", "600000"))) {
            store.touch(id, T2);
            store.register(id, "ivan", T0);
            assertEquals(T0, store.client(id).orElseThrow().lastSeen(), "a touch before registration is ignored");
            for (int i = 1; i <= 100; i++) {
                store.touch(id, T0.plusSeconds(i));
            }
            assertEquals(last, store.client(id).orElseThrow().lastSeen());
            assertEquals(last, store.clientByName("ivan").orElseThrow().lastSeen());
            assertEquals(last, store.clients().getFirst().lastSeen());
            assertEquals(0, store.lastSeenWrites(), "nothing written before the commit");
            store.close();
            assertEquals(1, store.lastSeenWrites());
        }
        try (Store store = open()) {
            assertEquals(last, store.client(id).orElseThrow().lastSeen());
        }
    }

    @Test
    void aSecondOpenOfTheSameFileFailsClearly() throws Exception {
        try (Store store = open()) {
            StoreException e = assertThrows(StoreException.class, this::open);
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertThrows(StoreException.class,
                    () -> new MapDbStoreProvider().open(dir.resolve("sub/..").normalize(), Map.of()));
            store.register(ClientId.random(random), "ivan", T0);
        }
        try (Store reopened = open()) {
            assertTrue(reopened.clientByName("ivan").isPresent());
        }
    }

    @Test
    void storesInTheNamedFileInsideTheDataFolder() throws Exception {
        Path data = dir.resolve("data/nested");
        try (Store store = new MapDbStoreProvider().open(data, Map.of("mapdb.file", "clients.db", "port", "1256"))) {
            store.register(ClientId.random(random), "judy", T0);
        }
        assertTrue(Files.exists(data.resolve("clients.db")));
        assertFalse(Files.exists(data.resolve("store.db")));
    }

    @Test
    void refusesBadOptions() {
        StoreProvider provider = new MapDbStoreProvider();
        assertThrows(StoreException.class, () -> provider.open(dir, Map.of("mapdb.fiel", "x.db")));
        assertThrows(StoreException.class, () -> provider.open(dir, Map.of("mapdb.file", "../x.db")));
        assertThrows(StoreException.class, () -> provider.open(dir, Map.of("mapdb.file", "a/x.db")));
        assertThrows(StoreException.class, () -> provider.open(dir, Map.of("mapdb.lastSeenDelayMillis", "soon")));
    }

    @Test
    void refusesAJournalOfANewerFormat() throws Exception {
        open().close();
        Path journal = dir.resolve("store.db.journal");
        byte[] bytes = Files.readAllBytes(journal);
        ByteBuffer.wrap(bytes).putInt(4, Journal.FORMAT + 1);
        Files.write(journal, bytes);
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("newer dropvault"), e.getMessage());
    }

    @Test
    void refusesAnEarlierStoreOfAnotherSchemaVersionAndAForeignMapDbFile() throws Exception {
        try (DB db = DBMaker.fileDB(dir.resolve("store.db").toFile()).transactionEnable().make()) {
            db.atomicInteger(Schema.VERSION_NAME).create().set(Schema.VERSION + 1);
            db.commit();
        }
        StoreException newer = assertThrows(StoreException.class, this::open);
        assertTrue(newer.getMessage().contains("newer dropvault"), newer.getMessage());
        try (DB db = DBMaker.fileDB(dir.resolve("store.db").toFile()).transactionEnable().make()) {
            db.atomicInteger(Schema.VERSION_NAME).open().set(0);
            db.commit();
        }
        StoreException unknown = assertThrows(StoreException.class, this::open);
        assertTrue(unknown.getMessage().contains("unknown schema version 0"), unknown.getMessage());

        try (DB db = DBMaker.fileDB(dir.resolve("foreign.db").toFile()).transactionEnable().make()) {
            db.atomicString("something").create().set("else");
            db.commit();
        }
        StoreException foreign = assertThrows(StoreException.class,
                () -> new MapDbStoreProvider().open(dir, Map.of("mapdb.file", "foreign.db")));
        assertTrue(foreign.getMessage().contains("not a dropvault store"), foreign.getMessage());
        assertFalse(Files.exists(dir.resolve("store.db.journal")), "a refused open writes no journal");
        Files.delete(dir.resolve("store.db"));
        try (Store store = open()) {
            assertTrue(store.clients().isEmpty(), "a refused open leaves the folder free");
        }
    }

    @Test
    void refusesAFileThatIsNotAStore() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        Files.write(dir.resolve("store.db"), garbage);
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("store.db"), e.getMessage());
        Files.delete(dir.resolve("store.db"));
        try (Store store = open()) {
            assertTrue(store.clients().isEmpty(), "the refused file was released");
        }
    }

    @Test
    void serviceLoaderFindsTheMapDbProvider() throws Exception {
        getClass().getModule().addUses(StoreProvider.class);
        StoreProvider provider = ServiceLoader.load(StoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("mapdb"))
                .findFirst()
                .orElseThrow();
        try (Store store = provider.open(dir, Map.of())) {
            assertTrue(store.register(ClientId.random(random), "ken", T0));
        }
    }
}
