package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.FileRecord;
import dropvault.storage.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;

/** The journal rewritten while commits go on: it holds committed state only, and loses nothing. */
@Timeout(120)
class JournalRewriteTest {
    private static final Instant T0 = Instant.parse("2026-11-26T03:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aChunkHoldsCommittedValuesOnlyAndGoesOnWhereItStopped() throws Exception {
        try (DB db = DBMaker.memoryDB().make()) {
            Schema.createOrCheck(db, dir.resolve("memory"));
            Tables tables = new Tables(db);
            for (int i = 0; i < 5; i++) {
                tables.putClient(new byte[] {(byte) i}, new byte[] {(byte) (10 + i)});
            }
            tables.committed();
            // pending: a new value for client 2, a new client 9; neither committed yet
            tables.putClient(new byte[] {2}, new byte[] {99});
            tables.putClient(new byte[] {2}, new byte[] {98});
            tables.putClient(new byte[] {9}, new byte[] {19});

            Map<Integer, Integer> seen = new HashMap<>();
            Object after = null;
            int chunks = 0;
            do {
                Tables.Chunk chunk = tables.committedChunk(Tables.TABLES[0], after, 2);
                decode(chunk, seen);
                after = chunk.lastKey();
                chunks++;
            } while (after != null);
            assertEquals(Map.of(0, 10, 1, 11, 2, 12, 3, 13, 4, 14), seen);
            assertEquals(3, chunks, "six entries in MapDB, two a chunk");

            tables.committed();
            seen.clear();
            decode(tables.committedChunk(Tables.TABLES[0], null, 100), seen);
            assertEquals(Map.of(0, 10, 1, 11, 2, 98, 3, 13, 4, 14, 9, 19), seen);
        }
    }

    /** Reads the one-byte keys and values of a chunk's changes. */
    private static void decode(Tables.Chunk chunk, Map<Integer, Integer> into) {
        ByteBuffer in = ByteBuffer.wrap(chunk.record(), 0, chunk.length());
        while (in.hasRemaining()) {
            in.get();
            in.get();
            byte[] key = new byte[in.getInt()];
            in.get(key);
            byte[] value = new byte[in.getInt()];
            in.get(value);
            into.put((int) key[0], (int) value[0]);
        }
    }

    @Test
    void rewritesWhileManyWritersCommitLoseNothingAndFailedCommitsStayOut() throws Exception {
        Path file = dir.resolve("store.db");
        ScriptedFault fault = new ScriptedFault();
        ConcurrentLinkedQueue<ClientId> stored = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refusedRegistrations = new ConcurrentLinkedQueue<>();
        long rewrites;
        try (MapDbStore store = MapDbStore.open(file, fault, 1_000_000L, 32 * 1024)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int writer = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    Random random = new Random(writer);
                    for (int i = 0; i < 150; i++) {
                        ClientId id = ClientId.random(random);
                        String name = "w" + writer + "-" + i;
                        if (i % 25 == 7) {
                            fault.failNext();
                        }
                        try {
                            store.register(id, name, T0);
                        } catch (StoreException e) {
                            refusedRegistrations.add(name);
                            continue;
                        }
                        try {
                            store.setPublicKey(id, key(id), T0);
                            store.putFile(new FileRecord(id, "f.bin", "files/" + id.hex() + "/f.bin", true));
                            stored.add(id);
                        } catch (StoreException e) {
                            // a later step of this session shared a failed commit: it is not counted as stored
                        }
                    }
                }));
            }
            for (Thread w : writers) {
                w.join();
            }
            rewrites = store.journalRewrites();
        }
        assertTrue(rewrites > 0, "the journal grew past 32 KiB many times over");
        assertFalse(refusedRegistrations.isEmpty(), "some commits failed on purpose");
        Files.delete(dir.resolve("store.db.clean"));
        try (MapDbStore store = MapDbStore.open(file, CommitFault.NONE, 1_000_000L)) {
            assertTrue(store.rebuiltOnOpen());
            for (ClientId id : stored) {
                assertArrayEquals(key(id), store.client(id).orElseThrow().publicKey().orElseThrow());
                assertTrue(store.file(id, "f.bin").orElseThrow().verified());
            }
            for (String name : refusedRegistrations) {
                assertTrue(store.clientByName(name).isEmpty(), "a registration whose commit failed came back: " + name);
            }
        }
        assertTrue(Files.notExists(dir.resolve("store.db.journal.tmp")));
    }

    private static byte[] key(ClientId id) {
        byte[] k = new byte[32];
        System.arraycopy(id.toBytes(), 0, k, 0, 16);
        System.arraycopy("rewritten journal".getBytes(StandardCharsets.US_ASCII), 0, k, 16, 16);
        return k;
    }

    @Test
    void aStoreClosedDuringARewriteLeavesAJournalThatOpens() throws Exception {
        Path file = dir.resolve("store.db");
        List<ClientId> ids = new ArrayList<>();
        Random random = new Random(3);
        try (MapDbStore store = MapDbStore.open(file, CommitFault.NONE, 1_000_000L, 8 * 1024)) {
            for (int i = 0; i < 400; i++) {
                ClientId id = ClientId.random(random);
                store.register(id, "c" + i, T0);
                ids.add(id);
            }
            // closed at once: a rewrite may be running and is given up or finished
        }
        Files.delete(dir.resolve("store.db.clean"));
        try (MapDbStore store = MapDbStore.open(file, CommitFault.NONE, 1_000_000L)) {
            for (ClientId id : ids) {
                assertTrue(store.client(id).isPresent(), id.hex());
            }
            assertEquals(ids.size(), store.clients().size());
        }
    }
}
