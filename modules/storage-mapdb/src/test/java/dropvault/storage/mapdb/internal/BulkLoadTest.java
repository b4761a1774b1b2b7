package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.storage.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * The MapDB file written from a journal's final state holds exactly what applying its changes one by
 * one gives: keys put, replaced and removed many times over, names whose byte order is not their order
 * as strings, keys that are prefixes of others.
 */
@Timeout(60)
class BulkLoadTest {
    @TempDir
    Path dir;

    private final Random random = new Random(5);

    /** The state applying every change in order gives, one map per table, in MapDB's orders. */
    private final NavigableMap<byte[], byte[]> clients = new TreeMap<>(Serializer.BYTE_ARRAY);
    private final NavigableMap<String, byte[]> names = new TreeMap<>();
    private final NavigableMap<byte[], byte[]> files = new TreeMap<>(Serializer.BYTE_ARRAY);
    private final NavigableMap<byte[], byte[]> awaiting = new TreeMap<>(Serializer.BYTE_ARRAY);

    @Test
    void theLoadedFileHoldsTheStateEveryChangeInOrderGives() throws Exception {
        assertLoadsAsApplied(Integer.MAX_VALUE, 0);
    }

    @Test
    void tablesWithMoreKeysThanTheHeapHoldsArePutChangeByChange() throws Exception {
        // every table passes 150 keys
        assertLoadsAsApplied(150, 4);
    }

    private void assertLoadsAsApplied(int maxKeys, int changeByChange) throws Exception {
        Journal journal = Journal.create(dir.resolve("j"), out -> { });
        DB live = newDatabase("live.db");
        Tables tables = new Tables(live);
        List<byte[]> keys = new ArrayList<>();
        List<String> nameKeys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            keys.add(byteKey());
            nameKeys.add(name());
        }
        for (int commit = 0; commit < 400; commit++) {
            for (int n = random.nextInt(60); n >= 0; n--) {
                change(tables, keys.get(random.nextInt(keys.size())), nameKeys.get(random.nextInt(nameKeys.size())));
            }
            if (tables.changed()) {
                journal.append(tables.redo(), tables.redoLength());
                tables.committed();
            }
        }
        assertTrue(clients.size() > 800 && names.size() > 200, clients.size() + " clients, " + names.size() + " names");
        assertTrue(files.size() > 150 && awaiting.size() > 150, files.size() + " files, " + awaiting.size() + " awaiting");

        DB loaded = newEmptyFile("loaded.db");
        BulkLoad.Loaded counts = BulkLoad.load(loaded, journal, maxKeys);
        assertEquals(new BulkLoad.Loaded(clients.size(), awaiting.size(), 0, changeByChange), counts);
        assertEquals(Schema.VERSION, Schema.createOrCheck(loaded, dir.resolve("loaded.db")));
        assertSame(clients, Schema.clients(loaded).open());
        assertSame(names, Schema.idsByName(loaded).open());
        assertSame(files, Schema.files(loaded).open());
        assertSame(awaiting, Schema.awaitingKey(loaded).open());
        // and so does the file the changes were put into one by one
        assertSame(clients, Schema.clients(live).open());
        assertSame(names, Schema.idsByName(live).open());
        loaded.close();
        live.close();
        journal.close();
    }

    @Test
    void anEmptyJournalGivesEmptyMaps() throws Exception {
        Journal journal = Journal.create(dir.resolve("j"), out -> { });
        DB loaded = newEmptyFile("loaded.db");
        assertEquals(new BulkLoad.Loaded(0, 0, 0, 0), BulkLoad.load(loaded, journal));
        assertTrue(Schema.clients(loaded).open().isEmpty());
        assertTrue(Schema.idsByName(loaded).open().isEmpty());
        Schema.clients(loaded).open().put(new byte[] {1}, new byte[] {2});
        assertArrayEquals(new byte[] {2}, Schema.clients(loaded).open().get(new byte[] {1}));
        loaded.close();
        journal.close();
    }

    @Test
    void aChangeOfAnUnknownKindOrCutShortIsRefused() throws Exception {
        Journal journal = Journal.create(dir.resolve("j"), out -> { });
        byte[] unknown = ByteBuffer.allocate(10).put((byte) 3).put(Tables.CLIENTS).putInt(0).putInt(0).array();
        journal.append(unknown, unknown.length);
        StoreException e = assertThrows(StoreException.class, () -> BulkLoad.load(newEmptyFile("a.db"), journal));
        assertTrue(e.getMessage().contains("unknown change (kind 3"), e.getMessage());

        Journal cut = Journal.create(dir.resolve("k"), out -> { });
        byte[] cutShort = ByteBuffer.allocate(12).put(Tables.PUT).put(Tables.FILES).putInt(2).put(new byte[2])
                .putInt(5).array();
        cut.append(cutShort, cutShort.length);
        e = assertThrows(StoreException.class, () -> BulkLoad.load(newEmptyFile("b.db"), cut));
        assertTrue(e.getMessage().contains("cut short inside a change"), e.getMessage());
        journal.close();
        cut.close();
    }

    /** One random change, to the live tables and to the expected state. */
    private void change(Tables tables, byte[] key, String name) {
        boolean remove = random.nextInt(3) == 0;
        byte[] value = new byte[random.nextInt(40)];
        random.nextBytes(value);
        switch (random.nextInt(4)) {
            case 0 -> change(remove, clients, key, value, tables::putClient, tables::removeClient);
            case 1 -> change(remove, names, name, value, tables::putClientIdByName, tables::removeClientIdByName);
            case 2 -> change(remove, files, key, value, tables::putFile, tables::removeFile);
            default -> change(remove, awaiting, key, value, tables::putAwaitingKey, tables::removeAwaitingKey);
        }
    }

    private static <K> void change(boolean remove, NavigableMap<K, byte[]> expected, K key, byte[] value,
            BiConsumer<K, byte[]> put, Consumer<K> removal) {
        if (remove) {
            removal.accept(key);
            expected.remove(key);
        } else {
            put.accept(key, value);
            expected.put(key, value);
        }
    }

    /** Short keys and long ones, prefixes of each other, with bytes above 0x7f. */
    private byte[] byteKey() {
        byte[] key = new byte[random.nextInt(4) == 0 ? random.nextInt(4) : 16 + random.nextInt(20)];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (random.nextInt(4) == 0 ? 0xff - random.nextInt(3) : random.nextInt(4));
        }
        return key;
    }

    /** Names from a few characters whose UTF-8 order and UTF-16 order disagree (U+FF21 and U+1F600). */
    private String name() {
        String[] parts = {"a", "é", "Ａ", "😀", "z", "", "client-1", "\uE000"};
        StringBuilder b = new StringBuilder();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            b.append(parts[random.nextInt(parts.length)]);
        }
        return b.toString();
    }

    private DB newDatabase(String name) throws StoreException {
        DB db = Schema.openDatabase(dir.resolve(name), false);
        Schema.createOrCheck(db, dir.resolve(name));
        return db;
    }

    private DB newEmptyFile(String name) throws StoreException {
        return Schema.openDatabase(dir.resolve(name), false);
    }

    @SuppressWarnings("unchecked")
    private static <K> void assertSame(NavigableMap<K, byte[]> expected, Map<K, byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        Iterator<Map.Entry<K, byte[]>> in = actual.entrySet().iterator();
        for (Map.Entry<K, byte[]> e : expected.entrySet()) {
            Map.Entry<K, byte[]> a = in.next();
            K key = a.getKey();
            assertEquals(0, expected.comparator() == null ? ((Comparable<K>) key).compareTo(e.getKey())
                    : expected.comparator().compare(key, e.getKey()), () -> describe(key));
            assertArrayEquals(e.getValue(), a.getValue());
        }
    }

    private static String describe(Object key) {
        return key instanceof byte[] b ? java.util.HexFormat.of().formatHex(b)
                : java.util.HexFormat.of().formatHex(((String) key).getBytes(StandardCharsets.UTF_8));
    }
}
