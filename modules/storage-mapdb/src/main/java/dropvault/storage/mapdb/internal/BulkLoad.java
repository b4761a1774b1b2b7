package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.mapdb.DB;

/**
 * Fills a new MapDB file with a journal's final state: each map written once, bottom-up in key order
 * through MapDB's sink, instead of every change of the journal put one by one (each put reads B-tree
 * nodes back from the file: some 24 µs a change). Each table is read, sorted and written on its own,
 * as many at once as there are processors (up to the four tables).
 */
final class BulkLoad {
    /** What was loaded: the entries of the clients and awaiting-key maps, and the AES keys of an earlier build dropped. */
    record Loaded(long clients, long awaitingKey, long aesKeysDropped) {
    }

    /** One table's rebuild: read, sort, write; returns how many entries it wrote. */
    @FunctionalInterface
    private interface TableLoad {
        long run() throws StoreException;
    }

    private final Journal journal;
    private final JournalChanges changes;
    private final AtomicLong aesKeysDropped = new AtomicLong();

    private BulkLoad(Journal journal, JournalChanges changes) {
        this.journal = journal;
        this.changes = changes;
    }

    /** Writes the schema version and every map of {@code journal}'s final state into {@code db}, which is empty. */
    static Loaded load(DB db, Journal journal) throws StoreException {
        int threads = Math.min(Tables.TABLES.length, Runtime.getRuntime().availableProcessors());
        // the pool is closed (its tasks ended) before the arena: no thread reads the mapping once it is gone
        try (Arena arena = Arena.ofShared();
                ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon()
                        .name("dropvault-rebuild-", 1).factory())) {
            BulkLoad load = new BulkLoad(journal, new JournalChanges(journal.map(arena)));
            Schema.createVersion(db);
            List<Future<Long>> tables = new ArrayList<>();
            for (TableLoad table : List.<TableLoad>of(
                    () -> load.table(Tables.CLIENTS, Schema.clients(db), load.changes::key, load::clientValue),
                    () -> load.table(Tables.IDS_BY_NAME, Schema.idsByName(db), load.changes::keyAsString,
                            load.changes::value),
                    () -> load.table(Tables.FILES, Schema.files(db), load.changes::key, load.changes::value),
                    () -> load.table(Tables.AWAITING_KEY, Schema.awaitingKey(db), load.changes::key,
                            load.changes::value))) {
                tables.add(pool.submit(table::run));
            }
            long clients = result(tables.get(0));
            for (Future<Long> f : tables.subList(1, tables.size())) {
                result(f);
            }
            // not forced to disk: a crash before the clean close that marks it rebuilds it again
            return new Loaded(clients, result(tables.get(3)), load.aesKeysDropped.get());
        }
    }

    private static long result(Future<Long> table) throws StoreException {
        try {
            return table.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case StoreException s -> throw s;
                case RuntimeException r -> throw r;
                case Error r -> throw r;
                default -> throw new StoreException("could not rebuild the store: " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while rebuilding the store", e);
        }
    }

    private <K> long table(byte table, DB.TreeMapMaker<K, byte[]> map, LongFunction<K> key, LongFunction<byte[]> value)
            throws StoreException {
        long[] offsets = LatestChanges.read(journal, changes, table).offsets();
        long[] sorted = KeyOrder.sorted(changes, table == Tables.IDS_BY_NAME, offsets);
        DB.TreeMapSink<K, byte[]> sink = map.createFromSink();
        for (long at : sorted) {
            sink.put(key.apply(at), value.apply(at));
        }
        sink.create();
        return sorted.length;
    }

    /** A client's value without the AES key an earlier build kept in it. */
    private byte[] clientValue(long at) {
        byte[] value = changes.value(at);
        byte[] kept = RecordFormat.withoutAesKey(value);
        if (kept != value) {
            aesKeysDropped.incrementAndGet();
        }
        return kept;
    }
}
