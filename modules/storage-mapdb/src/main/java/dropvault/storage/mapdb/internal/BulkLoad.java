package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;
import java.lang.foreign.Arena;
import java.util.function.LongFunction;
import org.mapdb.DB;

/**
 * Fills a new MapDB file with a journal's final state ({@link JournalFinalState}): each map written
 * once, bottom-up in key order through MapDB's sink, instead of every change of the journal put one by
 * one (each put reads B-tree nodes back from the file: some 24 µs a change).
 */
final class BulkLoad {
    /** What was loaded: the entries of the clients and awaiting-key maps, and the AES keys of an earlier build dropped. */
    record Loaded(long clients, long awaitingKey, long aesKeysDropped) {
    }

    private final JournalChanges changes;
    private long aesKeysDropped;

    private BulkLoad(JournalChanges changes) {
        this.changes = changes;
    }

    /** Writes the schema version and every map of {@code journal}'s final state into {@code db}, which is empty. */
    static Loaded load(DB db, Journal journal) throws StoreException {
        try (Arena arena = Arena.ofConfined()) {
            JournalChanges changes = new JournalChanges(journal.map(arena));
            JournalFinalState state = JournalFinalState.read(journal, changes);
            BulkLoad load = new BulkLoad(changes);
            Schema.createVersion(db);
            long clients = into(Schema.clients(db), state.takeSorted(Tables.CLIENTS), changes::key,
                    load::clientValue);
            into(Schema.idsByName(db), state.takeSorted(Tables.IDS_BY_NAME), changes::keyAsString, changes::value);
            into(Schema.files(db), state.takeSorted(Tables.FILES), changes::key, changes::value);
            long awaiting = into(Schema.awaitingKey(db), state.takeSorted(Tables.AWAITING_KEY), changes::key,
                    changes::value);
            // not forced to disk: a crash before the clean close that marks it rebuilds it again
            return new Loaded(clients, awaiting, load.aesKeysDropped);
        }
    }

    /** A client's value without the AES key an earlier build kept in it. */
    private byte[] clientValue(long at) {
        byte[] value = changes.value(at);
        byte[] kept = RecordFormat.withoutAesKey(value);
        aesKeysDropped += kept == value ? 0 : 1;
        return kept;
    }

    /** Creates the map from {@code sorted} puts; returns how many entries it has. */
    private static <K> long into(DB.TreeMapMaker<K, byte[]> map, long[] sorted, LongFunction<K> key,
            LongFunction<byte[]> value) {
        DB.TreeMapSink<K, byte[]> sink = map.createFromSink();
        for (long at : sorted) {
            sink.put(key.apply(at), value.apply(at));
        }
        sink.create();
        return sorted.length;
    }
}
