package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.spi.StoreProvider;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;

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

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void registersAndFindsClientsByIdAndByName() throws Exception {
        ClientId id = ClientId.random(random);
        try (Store store = open()) {
            assertTrue(store.client(id).isEmpty());
            assertTrue(store.register(id, "alice", T0));
            ClientRecord expected = ClientRecord.registered(id, "alice", T0);
            assertEquals(Optional.of(expected), store.client(id));
            assertEquals(Optional.of(expected), store.clientByName("alice"));
            assertTrue(store.clientByName("Alice").isEmpty(), "names are compared exactly");
            assertTrue(store.client(id).orElseThrow().publicKey().isEmpty());
            assertTrue(store.client(id).orElseThrow().aesKey().isEmpty());
            assertEquals(List.of(expected), store.clients());
        }
    }

    @Test
    void listsClientsInIdOrderAndFilesInNameOrder() throws Exception {
        ClientId high = ClientId.fromHex("80000000000000000000000000000000");
        ClientId low = ClientId.fromHex("01000000000000000000000000000000");
        ClientId zero = ClientId.fromHex("00ffffffffffffffffffffffffffffff");
        try (Store store = open()) {
            store.register(high, "high", T0);
            store.register(low, "low", T0);
            store.register(zero, "zero", T0);
            assertEquals(List.of(zero, low, high), store.clients().stream().map(ClientRecord::id).toList());
            for (String name : List.of("é", "z", "Z", "a")) {
                store.putFile(new FileRecord(low, name, "files/" + name, true));
            }
            assertEquals(List.of("Z", "a", "z", "é"), store.files(low).stream().map(FileRecord::fileName).toList());
            assertTrue(store.files(high).isEmpty());
        }
    }

    @Test
    void refusesATakenNameOrATakenIdAndChangesNothing() throws Exception {
        ClientId alice = ClientId.random(random);
        ClientId other = ClientId.random(random);
        try (Store store = open()) {
            assertTrue(store.register(alice, "alice", T0));
            assertFalse(store.register(other, "alice", T1), "name taken");
            assertFalse(store.register(alice, "bob", T1), "id taken");
            assertTrue(store.client(other).isEmpty());
            assertTrue(store.clientByName("bob").isEmpty());
            assertEquals(List.of(ClientRecord.registered(alice, "alice", T0)), store.clients());
            assertTrue(store.register(other, "bob", T1));
        }
    }

    @Test
    void setsKeysOnlyForARegisteredClient() throws Exception {
        ClientId id = ClientId.random(random);
        byte[] publicKey = bytes(160, 1);
        byte[] aesKey = bytes(32, 2);
        try (Store store = open()) {
            assertFalse(store.setKeys(id, publicKey, aesKey, T1));
            assertTrue(store.clients().isEmpty());
            store.register(id, "carol", T0);
            assertTrue(store.setKeys(id, publicKey, aesKey, T1));
            ClientRecord client = store.client(id).orElseThrow();
            assertArrayEquals(publicKey, client.publicKey().orElseThrow());
            assertArrayEquals(aesKey, client.aesKey().orElseThrow());
            assertEquals(T1, client.lastSeen());
            byte[] newAesKey = bytes(32, 3);
            assertTrue(store.setKeys(id, publicKey, newAesKey, T2));
            assertArrayEquals(newAesKey, store.clientByName("carol").orElseThrow().aesKey().orElseThrow());
        }
    }

    @Test
    void touchUpdatesLastSeenAndIgnoresUnknownClients() throws Exception {
        ClientId id = ClientId.random(random);
        try (Store store = open()) {
            store.touch(id, T1);
            assertTrue(store.clients().isEmpty());
            store.register(id, "dave", T0);
            store.touch(id, T2);
            assertEquals(T2, store.client(id).orElseThrow().lastSeen());
        }
        try (Store store = open()) {
            assertEquals(T2, store.client(id).orElseThrow().lastSeen(), "close commits the pending touch");
        }
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
    void setKeysAfterATouchSetsLastSeen() throws Exception {
        ClientId id = ClientId.random(random);
        try (Store store = open()) {
            store.register(id, "judy", T0);
            store.touch(id, T1);
            store.setKeys(id, bytes(160, 6), bytes(32, 7), T2);
            assertEquals(T2, store.client(id).orElseThrow().lastSeen());
        }
        try (Store store = open()) {
            assertEquals(T2, store.client(id).orElseThrow().lastSeen());
        }
    }

    @Test
    void putsReplacesAndListsFilesPerClient() throws Exception {
        ClientId a = ClientId.random(random);
        ClientId b = ClientId.random(random);
        FileRecord report = new FileRecord(a, "report.txt", "files/" + a.hex() + "/report.txt", false);
        FileRecord notes = new FileRecord(a, "notes ü.md", "files/" + a.hex() + "/notes ü.md", true);
        FileRecord other = new FileRecord(b, "report.txt", "files/" + b.hex() + "/report.txt", true);
        try (Store store = open()) {
            assertTrue(store.file(a, "report.txt").isEmpty());
            assertTrue(store.files(a).isEmpty());
            store.putFile(report);
            store.putFile(notes);
            store.putFile(other);
            assertEquals(Optional.of(report), store.file(a, "report.txt"));
            assertEquals(List.of(notes, report), store.files(a));
            assertEquals(List.of(other), store.files(b));
            FileRecord verified = new FileRecord(a, "report.txt", "files/" + a.hex() + "/report (2).txt", true);
            store.putFile(verified);
            assertEquals(Optional.of(verified), store.file(a, "report.txt"));
            assertEquals(List.of(notes, verified), store.files(a));
            assertTrue(store.file(a, "report").isEmpty(), "a prefix of a name is another name");
        }
    }

    @Test
    void reopenedStoreHoldsEverything() throws Exception {
        ClientId a = ClientId.random(random);
        ClientId b = ClientId.random(random);
        byte[] publicKey = bytes(160, 4);
        byte[] aesKey = bytes(32, 5);
        FileRecord file = new FileRecord(a, "x.bin", "files/" + a.hex() + "/x.bin", true);
        FileRecord unverified = new FileRecord(b, "y.bin", "files/" + b.hex() + "/y.bin", false);
        try (Store store = open()) {
            store.register(a, "frank", T0);
            store.register(b, "grace", T0);
            store.setKeys(a, publicKey, aesKey, T1);
            store.touch(b, T2);
            store.putFile(file);
            store.putFile(unverified);
        }
        try (Store store = open()) {
            ClientRecord frank = store.client(a).orElseThrow();
            assertEquals("frank", frank.name());
            assertArrayEquals(publicKey, frank.publicKey().orElseThrow());
            assertArrayEquals(aesKey, frank.aesKey().orElseThrow());
            assertEquals(T1, frank.lastSeen());
            assertEquals(Optional.of(ClientRecord.registered(b, "grace", T2)), store.clientByName("grace"));
            assertEquals(List.of(file), store.files(a));
            assertEquals(List.of(unverified), store.files(b));
            assertFalse(store.register(ClientId.random(random), "frank", T2), "the name index survives too");
        }
    }

    @Test
    void aClosedStoreRefusesWork() throws Exception {
        Store store = open();
        store.close();
        store.close();
        ClientId id = ClientId.random(random);
        assertThrows(StoreException.class, () -> store.register(id, "heidi", T0));
        assertThrows(StoreException.class, () -> store.client(id));
        assertThrows(StoreException.class, () -> store.touch(id, T0));
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
