package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * The store's MapDB maps, changed only through here. Until its commit each change is kept twice: as
 * a redo entry for the {@link Journal} and as the value it replaced, to roll it back (MapDB runs
 * without its own transactions).
 *
 * <pre>
 * journal record payload: changes, each: kind (1 = put, 2 = remove), table (1 clients, 2 client ids
 *                         by name, 3 files, 4 clients awaiting their key), key (i32 length, bytes;
 *                         names in UTF-8), value (i32 length, bytes; a remove has none)
 * </pre>
 */
final class Tables {
    static final byte PUT = 1;
    static final byte REMOVE = 2;
    static final byte CLIENTS = 1;
    static final byte IDS_BY_NAME = 2;
    static final byte FILES = 3;
    static final byte AWAITING_KEY = 4;
    /** Entries a record of a new journal's snapshot. */
    static final int SNAPSHOT_CHUNK = 4096;
    /** A redo buffer grown past this by a large commit is given back. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;

    private record Undo(byte table, Object key, byte[] previous) {
    }

    private final BTreeMap<byte[], byte[]> clients;
    private final BTreeMap<String, byte[]> idsByName;
    private final BTreeMap<byte[], byte[]> files;
    private final NavigableMap<byte[], byte[]> awaitingKey;
    private final List<Undo> undo = new ArrayList<>();
    private final Bytes redo = new Bytes();

    Tables(DB db) {
        this.clients = db.treeMap(Schema.CLIENTS, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).open();
        this.idsByName = db.treeMap(Schema.IDS_BY_NAME, Serializer.STRING, Serializer.BYTE_ARRAY).open();
        this.files = db.treeMap(Schema.FILES, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).open();
        // a store of an earlier build, read once to write its journal, has none: an empty stand-in
        this.awaitingKey = db.exists(Schema.AWAITING_KEY)
                ? db.treeMap(Schema.AWAITING_KEY, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).open()
                : new java.util.TreeMap<>(Serializer.BYTE_ARRAY);
    }

    byte[] client(byte[] id) {
        return clients.get(id);
    }

    byte[] clientIdByName(String name) {
        return idsByName.get(name);
    }

    byte[] file(byte[] key) {
        return files.get(key);
    }

    long clientCount() {
        return clients.sizeLong();
    }

    /** When a client that has no public key yet registered, or null. */
    byte[] awaitingKey(byte[] id) {
        return awaitingKey.get(id);
    }

    long awaitingKeyCount() {
        return awaitingKey.size();
    }

    Iterable<Map.Entry<byte[], byte[]>> allAwaitingKey() {
        return awaitingKey.entrySet();
    }

    void putAwaitingKey(byte[] id, byte[] registeredAt) {
        put(AWAITING_KEY, id, registeredAt);
    }

    void removeAwaitingKey(byte[] id) {
        remove(AWAITING_KEY, id);
    }

    Iterable<Map.Entry<byte[], byte[]>> allClients() {
        return clients.entrySet();
    }

    Iterable<Map.Entry<byte[], byte[]>> filesStartingWith(byte[] prefix) {
        NavigableMap<byte[], byte[]> found = files.prefixSubMap(prefix);
        return found.entrySet();
    }

    void putClient(byte[] id, byte[] value) {
        put(CLIENTS, id, value);
    }

    void putClientIdByName(String name, byte[] id) {
        put(IDS_BY_NAME, name, id);
    }

    void putFile(byte[] key, byte[] value) {
        put(FILES, key, value);
    }

    /* Removals: a client's deletion (administration) and expired registrations (the server). */

    void removeClient(byte[] id) {
        remove(CLIENTS, id);
    }

    void removeClientIdByName(String name) {
        remove(IDS_BY_NAME, name);
    }

    void removeFile(byte[] key) {
        remove(FILES, key);
    }

    /** True when changes wait for a commit. */
    boolean changed() {
        return redo.length > 0;
    }

    /** The journal record of the changes since the last commit: {@code redo()[0, redoLength())}. */
    byte[] redo() {
        return redo.bytes;
    }

    int redoLength() {
        return redo.length;
    }

    /** The changes are durable: forget how to undo them. */
    void committed() {
        undo.clear();
        redo.clear();
    }

    /** Puts back every value the changes since the last commit replaced, newest first. */
    void rollBack() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            Undo u = undo.get(i);
            restore(u.table(), u.key(), u.previous());
        }
        committed();
    }

    /** Writes every entry as journal records, the state of a new journal; nothing may be pending. */
    void snapshot(Journal.Writer out) throws IOException {
        for (byte table : TABLES) {
            Object after = null;
            do {
                Chunk chunk = committedChunk(table, after, SNAPSHOT_CHUNK);
                if (chunk.length() > 0) {
                    out.record(chunk.record(), chunk.length());
                }
                after = chunk.lastKey();
            } while (after != null);
        }
    }

    /** Journal changes for a rewrite, and the key to go on after ({@code null} when the table is done). */
    record Chunk(byte[] record, int length, Object lastKey) {
    }

    /** The tables in the order a rewrite copies them. */
    static final byte[] TABLES = {CLIENTS, IDS_BY_NAME, FILES, AWAITING_KEY};

    /**
     * Up to {@code max} committed entries of {@code table} after {@code afterKey} (from the first when
     * null), as journal changes. A value a pending change replaced is given as it was before it, and
     * an entry only a pending change made is left out: the chunk holds committed state only. An entry
     * a pending change removed is given too, after {@code afterKey} but wherever it falls (a second
     * put of the same value in a later chunk changes nothing). Client values never carry an AES key.
     */
    Chunk committedChunk(byte table, Object afterKey, int max) {
        Map<Object, byte[]> replaced = new HashMap<>();
        for (Undo u : undo) {
            Object key = comparable(u.key());
            if (u.table() == table && !replaced.containsKey(key)) {
                replaced.put(key, u.previous());
            }
        }
        NavigableMap<Object, byte[]> map = map(table);
        NavigableMap<Object, byte[]> rest = afterKey == null ? map : map.tailMap(afterKey, false);
        Bytes out = new Bytes();
        for (Undo u : undo) {
            if (u.table() != table || map.containsKey(u.key())
                    || afterKey != null && map.comparator().compare(u.key(), afterKey) <= 0) {
                continue;
            }
            byte[] before = replaced.remove(comparable(u.key()));
            if (before != null) {
                encode(out, table, keyBytes(u.key()), committed(table, before));
            }
        }
        Object last = null;
        int n = 0;
        for (Map.Entry<Object, byte[]> e : rest.entrySet()) {
            if (n++ == max) {
                return new Chunk(out.bytes, out.length, last);
            }
            last = e.getKey();
            Object key = comparable(last);
            byte[] value = replaced.containsKey(key) ? replaced.get(key) : e.getValue();
            if (value != null) {
                encode(out, table, keyBytes(last), committed(table, value));
            }
        }
        return new Chunk(out.bytes, out.length, null);
    }

    private static byte[] keyBytes(Object key) {
        return key instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) key;
    }

    /** A value as a new journal holds it: a client's without the AES key of an earlier build. */
    private static byte[] committed(byte table, byte[] value) {
        return table == CLIENTS ? RecordFormat.withoutAesKey(value) : value;
    }

    /** A key that compares by content in a hash map (byte arrays do not). */
    private static Object comparable(Object key) {
        return key instanceof byte[] b ? ByteBuffer.wrap(b) : key;
    }

    @SuppressWarnings("unchecked")
    private NavigableMap<Object, byte[]> map(byte table) {
        return (NavigableMap<Object, byte[]>) (NavigableMap<?, byte[]>) switch (table) {
            case CLIENTS -> clients;
            case IDS_BY_NAME -> idsByName;
            case FILES -> files;
            case AWAITING_KEY -> awaitingKey;
            default -> throw new IllegalArgumentException("no table " + table);
        };
    }

    private void put(byte table, Object key, byte[] value) {
        byte[] keyBytes = key instanceof String name ? name.getBytes(StandardCharsets.UTF_8) : (byte[]) key;
        byte[] previous = restore(table, key, value);
        undo.add(new Undo(table, key, previous));
        encode(redo, table, keyBytes, value);
    }

    private void remove(byte table, Object key) {
        byte[] keyBytes = key instanceof String name ? name.getBytes(StandardCharsets.UTF_8) : (byte[]) key;
        byte[] previous = restore(table, key, null);
        if (previous != null) {
            undo.add(new Undo(table, key, previous));
            redo.add(REMOVE);
            redo.add(table);
            redo.addSized(keyBytes);
        }
    }

    /** Sets (or, with a null value, removes) one entry; returns the value it replaced. */
    private byte[] restore(byte table, Object key, byte[] value) {
        NavigableMap<Object, byte[]> map = map(table);
        return value == null ? map.remove(key) : map.put(key, value);
    }

    private static void encode(Bytes out, byte table, byte[] key, byte[] value) {
        out.add(PUT);
        out.add(table);
        out.addSized(key);
        out.addSized(value);
    }

    /** A growable byte array. */
    private static final class Bytes {
        byte[] bytes = new byte[4096];
        int length;

        void add(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        void addSized(byte[] b) {
            ensure(4 + b.length);
            ByteBuffer.wrap(bytes, length, 4).putInt(b.length);
            System.arraycopy(b, 0, bytes, length + 4, b.length);
            length += 4 + b.length;
        }

        void clear() {
            length = 0;
            if (bytes.length > KEPT_BUFFER_BYTES) {
                bytes = new byte[4096];
            }
        }

        private void ensure(int more) {
            if (bytes.length - length < more) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
