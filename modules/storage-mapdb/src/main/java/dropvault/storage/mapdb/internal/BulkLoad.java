package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;
import java.lang.foreign.Arena;
import java.util.function.LongFunction;
import org.mapdb.BTreeMap;
import org.mapdb.DB;

/**
 * Fills a new MapDB file with a journal's final state: each map written once, bottom-up in key order
 * through MapDB's sink, instead of every change of the journal put one by one (each put reads B-tree
 * nodes back from the file: some 24 µs a change). Tables are loaded one after the other, each read,
 * sorted and written on its own. The heap holds about {@value #HEAP_BYTES_PER_KEY} bytes per key of the
 * table at hand ({@link LatestChanges}, {@link KeyOrder}); a table with more keys than fit in half
 * the heap is put change by change instead, as slowly as before but in any heap.
 */
final class BulkLoad {
    /** The index's 12 bytes a slot at most 60% full, then the sort's 40 bytes a key, with a margin. */
    static final int HEAP_BYTES_PER_KEY = 64;

    /** What was loaded: the entries of the clients and awaiting-key maps, the AES keys of an earlier build dropped, the tables put change by change. */
    record Loaded(long clients, long awaitingKey, long aesKeysDropped, int tablesPutChangeByChange) {
    }

    private final JournalRecords records;
    private final JournalChanges changes;
    private final int maxKeys;
    private long aesKeysDropped;
    private int putChangeByChange;

    private BulkLoad(JournalRecords records, JournalChanges changes, int maxKeys) {
        this.records = records;
        this.changes = changes;
        this.maxKeys = maxKeys;
    }

    /** Writes the schema version and every map of {@code journal}'s final state into {@code db}, which is empty. */
    static Loaded load(DB db, Journal journal) throws StoreException {
        // of the whole heap, not of what is free now: that counts garbage the collector has yet to take
        long maxKeys = Runtime.getRuntime().maxMemory() / 2 / HEAP_BYTES_PER_KEY;
        return load(db, journal, (int) Math.min(Integer.MAX_VALUE / 4, maxKeys));
    }

    /** {@link #load(DB, Journal)} with tables of more than {@code maxKeys} keys put change by change. */
    static Loaded load(DB db, Journal journal, int maxKeys) throws StoreException {
        try (Arena arena = Arena.ofConfined()) {
            BulkLoad load = new BulkLoad(JournalRecords.of(journal), new JournalChanges(journal.map(arena)),
                    maxKeys);
            JournalChanges changes = load.changes;
            Schema.createVersion(db);
            long clients = load.table(Tables.CLIENTS, Schema.clients(db), changes::key, load::clientValue);
            load.table(Tables.IDS_BY_NAME, Schema.idsByName(db), changes::keyAsString, changes::value);
            load.table(Tables.FILES, Schema.files(db), changes::key, changes::value);
            long awaiting = load.table(Tables.AWAITING_KEY, Schema.awaitingKey(db), changes::key, changes::value);
            // not forced to disk: a crash before the clean close that marks it rebuilds it again
            return new Loaded(clients, awaiting, load.aesKeysDropped, load.putChangeByChange);
        }
    }

    /** Loads one table; returns how many entries it has. */
    private <K> long table(byte table, DB.TreeMapMaker<K, byte[]> map, LongFunction<K> key, LongFunction<byte[]> value)
            throws StoreException {
        LatestChanges latest = LatestChanges.read(records, changes, table, maxKeys);
        if (latest == null) {
            putChangeByChange++;
            return changeByChange(table, map.create(), key, value);
        }
        long[] sorted = KeyOrder.sorted(changes, table == Tables.IDS_BY_NAME, latest.offsets());
        DB.TreeMapSink<K, byte[]> sink = map.createFromSink();
        for (long at : sorted) {
            sink.put(key.apply(at), value.apply(at));
        }
        sink.create();
        return sorted.length;
    }

    /** Applies every change of {@code table} to {@code map}, in order. */
    private <K> long changeByChange(byte table, BTreeMap<K, byte[]> map, LongFunction<K> key,
            LongFunction<byte[]> value) throws StoreException {
        records.forEachChange(changes, at -> {
            if (changes.table(at) == table) {
                if (changes.kind(at) == Tables.PUT) {
                    map.put(key.apply(at), value.apply(at));
                } else {
                    map.remove(key.apply(at));
                }
            }
        });
        return map.sizeLong();
    }

    /** A client's value without the AES key an earlier build kept in it. */
    private byte[] clientValue(long at) {
        byte[] value = changes.value(at);
        byte[] kept = RecordFormat.withoutAesKey(value);
        aesKeysDropped += kept == value ? 0 : 1;
        return kept;
    }
}
