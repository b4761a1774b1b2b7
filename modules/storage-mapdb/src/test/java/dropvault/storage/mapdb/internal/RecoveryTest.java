package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.StoreException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * What a crash can leave behind, made by hand: a MapDB file torn or not closed, a journal whose last
 * record is cut short or padded with zeros, a damaged record, a store of the build before the journal.
 */
@Timeout(60)
class RecoveryTest {
    private static final Instant T0 = Instant.parse("2026-11-26T02:00:00Z");

    @TempDir
    Path dir;

    private final Random random = new Random(11);

    private Path storeFile() {
        return dir.resolve("store.db");
    }

    private Path journalFile() {
        return dir.resolve("store.db.journal");
    }

    private MapDbStore open() throws StoreException {
        return MapDbStore.open(storeFile(), CommitFault.NONE, 1_000_000_000L);
    }

    /** Registers {@code n} clients with keys and a file each; returns them. */
    private List<ClientId> fill(MapDbStore store, int n) throws StoreException {
        List<ClientId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ClientId id = ClientId.random(random);
            assertTrue(store.register(id, "client-" + ids.size() + "-" + id.hex(), T0));
            assertTrue(store.setPublicKey(id, key(id, 160), T0.plusSeconds(1)));
            store.putFile(new FileRecord(id, "f.bin", "files/" + id.hex() + "/f.bin", true));
            ids.add(id);
        }
        return ids;
    }

    private static byte[] key(ClientId id, int length) {
        byte[] k = new byte[length];
        for (int i = 0; i < length; i++) {
            k[i] = (byte) (id.toBytes()[i % 16] * 31 + i);
        }
        return k;
    }

    /** An AES key of an earlier build: no part of the public key {@link #key} makes. */
    private static byte[] aesKey(ClientId id) {
        byte[] k = key(id, 32);
        for (int i = 0; i < k.length; i++) {
            k[i] ^= 0x5a;
        }
        return k;
    }

    private static void assertHolds(MapDbStore store, List<ClientId> ids) throws StoreException {
        assertEquals(ids.size(), store.clients().size());
        for (ClientId id : ids) {
            ClientRecord c = store.client(id).orElseThrow(() -> new AssertionError("lost " + id.hex()));
            assertArrayEquals(key(id, 160), c.publicKey().orElseThrow());
            assertEquals(c, store.clientByName(c.name()).orElseThrow());
            assertTrue(store.file(id, "f.bin").orElseThrow().verified());
        }
    }

    /** Stands for a kill: the store's files as they are, without close (the lock goes with the JVM's channel). */
    private List<ClientId> killedAfter(int n) throws Exception {
        MapDbStore store = open();
        List<ClientId> ids = fill(store, n);
        Path copy = Files.createDirectory(dir.resolve("killed"));
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (Files.isRegularFile(p)) {
                    Files.copy(p, copy.resolve(p.getFileName()));
                }
            }
        }
        store.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        }
        try (var files = Files.list(copy)) {
            for (Path p : files.toList()) {
                Files.move(p, dir.resolve(p.getFileName()));
            }
        }
        Files.delete(copy);
        return ids;
    }

    @Test
    void aCleanCloseIsReopenedAsItIsAndAnUncleanOneIsRebuilt() throws Exception {
        List<ClientId> ids;
        try (MapDbStore store = open()) {
            assertFalse(store.rebuiltOnOpen(), "a new store has nothing to rebuild");
            ids = fill(store, 20);
        }
        assertTrue(Files.exists(dir.resolve("store.db.clean")));
        try (MapDbStore store = open()) {
            assertFalse(store.rebuiltOnOpen());
            assertFalse(Files.exists(dir.resolve("store.db.clean")), "the marker goes before the first change");
            assertHolds(store, ids);
        }
        Files.delete(dir.resolve("store.db.clean"));
        try (MapDbStore store = open()) {
            assertTrue(store.rebuiltOnOpen());
            assertHolds(store, ids);
        }
    }

    @Test
    void aKilledStoreIsRebuiltFromItsJournal() throws Exception {
        List<ClientId> ids = killedAfter(30);
        assertFalse(Files.exists(dir.resolve("store.db.clean")));
        try (MapDbStore store = open()) {
            assertTrue(store.rebuiltOnOpen());
            assertHolds(store, ids);
        }
    }

    @Test
    void aTornMapDbFileIsRebuiltFromTheJournal() throws Exception {
        List<ClientId> ids = killedAfter(25);
        byte[] torn = Files.readAllBytes(storeFile());
        // what a commit cut short leaves: a header that points past what was written
        for (int i = 8; i < torn.length; i += 97) {
            torn[i] ^= (byte) 0x5a;
        }
        Files.write(storeFile(), torn);
        try (MapDbStore store = open()) {
            assertTrue(store.rebuiltOnOpen());
            assertHolds(store, ids);
        }
    }

    @Test
    void aCleanMarkerOfAnotherJournalDoesNotMakeTheFileTrusted() throws Exception {
        List<ClientId> ids;
        try (MapDbStore store = open()) {
            ids = fill(store, 5);
        }
        byte[] marker = Files.readAllBytes(dir.resolve("store.db.clean"));
        try (MapDbStore store = open()) {
            ids.addAll(fill(store, 5));
        }
        Files.write(dir.resolve("store.db.clean"), marker);
        try (MapDbStore store = open()) {
            assertTrue(store.rebuiltOnOpen(), "the marker named a shorter journal");
            assertHolds(store, ids);
        }
    }

    @Test
    void aRewriteACrashCutShortIsRemoved() throws Exception {
        List<ClientId> ids = killedAfter(10);
        Files.write(dir.resolve("store.db.journal.tmp"), new byte[] {1, 2, 3});
        try (MapDbStore store = open()) {
            assertHolds(store, ids);
        }
        assertFalse(Files.exists(dir.resolve("store.db.journal.tmp")));
    }

    @Test
    void anIncompleteLastRecordIsCutOff() throws Exception {
        List<ClientId> ids = killedAfter(10);
        long good = Files.size(journalFile());
        // a record whose payload a crash cut short
        ByteBuffer partial = ByteBuffer.allocate(50).putInt(400).putInt(12345);
        Files.write(journalFile(), partial.array(), StandardOpenOption.APPEND);
        try (MapDbStore store = open()) {
            assertHolds(store, ids);
            assertEquals(good, Files.size(journalFile()));
            ids.addAll(fill(store, 3));
        }
        try (MapDbStore store = open()) {
            assertHolds(store, ids);
        }
    }

    @Test
    void zerosAfterTheLastRecordAreCutOffAndSoIsALastRecordThatFailsItsCheck() throws Exception {
        List<ClientId> ids = killedAfter(10);
        long good = Files.size(journalFile());
        Files.write(journalFile(), new byte[8192], StandardOpenOption.APPEND);
        try (MapDbStore store = open()) {
            assertHolds(store, ids);
        }
        assertEquals(good, Files.size(journalFile()));

        ByteBuffer wrongChecksum = ByteBuffer.allocate(8 + 3).putInt(3).putInt(1).put(new byte[] {1, 2, 3});
        Files.write(journalFile(), wrongChecksum.array(), StandardOpenOption.APPEND);
        Files.deleteIfExists(dir.resolve("store.db.clean"));
        try (MapDbStore store = open()) {
            assertTrue(store.rebuiltOnOpen());
            assertHolds(store, ids);
        }
        assertEquals(good, Files.size(journalFile()));
    }

    @Test
    void aDamagedRecordWithRecordsAfterItIsRefusedAndNothingIsChanged() throws Exception {
        try (MapDbStore store = open()) {
            fill(store, 10);
        }
        byte[] marker = Files.readAllBytes(dir.resolve("store.db.clean"));
        byte[] journal = Files.readAllBytes(journalFile());
        journal[Journal.HEADER_SIZE + Journal.RECORD_HEADER_SIZE + 5] ^= 1;
        Files.write(journalFile(), journal);
        byte[] mapDbBefore = Files.readAllBytes(storeFile());

        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("damaged at offset " + Journal.HEADER_SIZE), e.getMessage());
        assertArrayEquals(journal, Files.readAllBytes(journalFile()));
        assertArrayEquals(mapDbBefore, Files.readAllBytes(storeFile()));
        assertArrayEquals(marker, Files.readAllBytes(dir.resolve("store.db.clean")));
        // the store was released: a repaired journal opens
        journal[Journal.HEADER_SIZE + Journal.RECORD_HEADER_SIZE + 5] ^= 1;
        Files.write(journalFile(), journal);
        try (MapDbStore store = open()) {
            assertEquals(10, store.clients().size());
        }
    }

    @Test
    void aStoreOfTheBuildBeforeTheJournalIsCarriedOver() throws Exception {
        ClientId id = ClientId.random(random);
        FileRecord file = new FileRecord(id, "f.bin", "files/" + id.hex() + "/f.bin", true);
        try (DB db = DBMaker.fileDB(storeFile().toFile()).transactionEnable().make()) {
            db.atomicInteger(Schema.VERSION_NAME, Schema.EARLIER_VERSION).create();
            db.treeMap(Schema.CLIENTS, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).create();
            db.treeMap(Schema.IDS_BY_NAME, Serializer.STRING, Serializer.BYTE_ARRAY).create();
            db.treeMap(Schema.FILES, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).create();
            Tables tables = new Tables(db);
            tables.putClient(id.toBytes(), EarlierBuild.clientValue("earlier", key(id, 160), aesKey(id), T0));
            tables.putClientIdByName("earlier", id.toBytes());
            tables.putFile(RecordFormat.fileKey(id, "f.bin"), RecordFormat.fileValue(file));
            db.commit();
        }
        try (MapDbStore store = open()) {
            assertTrue(store.rebuiltOnOpen());
            assertHolds(store, List.of(id));
        }
        assertTrue(Files.exists(journalFile()));
        try (MapDbStore store = open()) {
            assertFalse(store.rebuiltOnOpen());
            assertHolds(store, List.of(id));
        }
        assertFalse(EarlierBuild.anywhereIn(dir, aesKey(id)), "the AES key it held is gone");
    }

    @Test
    void aJournalOfAnEarlierBuildIsRewrittenWithoutItsAesKeysAndWithItsRegistrationsAwaitingKeys() throws Exception {
        ClientId keyed = ClientId.random(random);
        ClientId bare = ClientId.random(random);
        EarlierBuild.writeJournal(journalFile(), List.of(
                new dropvault.storage.contract.StoreContract.EarlierClient(keyed, "keyed", key(keyed, 160),
                        aesKey(keyed), T0),
                new dropvault.storage.contract.StoreContract.EarlierClient(bare, "bare", null, aesKey(bare), T0)));
        assertTrue(EarlierBuild.anywhereIn(dir, aesKey(keyed)), "the check sees what is there");
        try (MapDbStore store = open()) {
            assertTrue(store.rebuiltOnOpen());
            assertArrayEquals(key(keyed, 160), store.client(keyed).orElseThrow().publicKey().orElseThrow());
            assertEquals(1, store.keyedClientCount());
            assertEquals(2, store.clientCount());
        }
        assertFalse(EarlierBuild.anywhereIn(dir, aesKey(keyed)));
        assertFalse(EarlierBuild.anywhereIn(dir, aesKey(bare)));
        Files.delete(dir.resolve("store.db.clean"));
        try (MapDbStore store = open()) {
            assertTrue(store.rebuiltOnOpen(), "rebuilt from the rewritten journal");
            assertEquals(1, store.keyedClientCount());
            assertEquals(1, store.expireRegistrations(T0.plusSeconds(1)));
        }
    }

    @Test
    void aGrownJournalIsRewrittenAndLosesNothing() throws Exception {
        List<ClientId> ids;
        long rewriteAt = 16 * 1024;
        try (MapDbStore store = MapDbStore.open(storeFile(), CommitFault.NONE, 1_000_000_000L, rewriteAt)) {
            ids = fill(store, 200);
            for (ClientId id : ids) {
                store.putFile(new FileRecord(id, "f.bin", "files/" + id.hex() + "/f.bin", true));
            }
            assertTrue(store.journalRewrites() > 0, "the journal grew past " + rewriteAt + " bytes");
        }
        Files.delete(dir.resolve("store.db.clean"));
        try (MapDbStore store = open()) {
            assertTrue(store.rebuiltOnOpen());
            assertHolds(store, ids);
        }
        assertFalse(Files.exists(dir.resolve("store.db.journal.tmp")));
    }

    @Test
    void anotherProcessHoldingTheLockIsNamed() throws Exception {
        open().close();
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve("store.db.lock"), StandardOpenOption.WRITE);
                var lock = channel.lock()) {
            // a lock held by this JVM's own channel counts as another holder for tryLock
            StoreException e = assertThrows(StoreException.class, this::open);
            assertTrue(e.getMessage().contains("store.db"), e.getMessage());
        }
        try (MapDbStore store = open()) {
            assertTrue(store.clients().isEmpty());
        }
    }
}
