package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mapdb.DB;

/**
 * Brings a store's files to a state it can run from: the journal (created, or written once from a
 * store of an earlier build that had none) and a MapDB file that matches it, opened as it is after a
 * clean close and rebuilt from the journal otherwise.
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    private Recovery() {
    }

    static Journal journal(StoreFiles files) throws StoreException {
        Path journal = files.journal();
        try {
            // what a rewrite cut short by a crash left beside the journal
            Files.deleteIfExists(journal.resolveSibling(journal.getFileName() + ".tmp"));
        } catch (IOException e) {
            throw new StoreException("cannot remove the unfinished journal rewrite beside " + journal + ": " + e, e);
        }
        if (Files.exists(journal)) {
            return Journal.open(journal);
        }
        if (!Files.exists(files.data())) {
            return Journal.create(journal, out -> { });
        }
        DB earlier = Schema.openDatabase(files.data(), true);
        try {
            Schema.createOrCheck(earlier, files.data());
            Tables tables = new Tables(earlier);
            // an earlier build's state, in that build's format: opening it goes on as for such a journal
            Journal created = Journal.create(journal, Journal.EARLIER_FORMAT, tables::snapshot);
            LOG.log(Level.INFO, "{0}: wrote the journal {1} from a store that had none", files.data(), journal);
            return created;
        } finally {
            earlier.close();
        }
    }

    /** An open MapDB file, and whether it had to be rebuilt from the journal. */
    record Database(DB db, boolean rebuilt) {
    }

    /**
     * Opens the MapDB file if {@code clean} says it matches {@code journal}; rebuilds it otherwise. An
     * earlier build's journal is rebuilt from and then rewritten: without the AES keys its client
     * values held, with the clients that await their key.
     */
    static Database database(StoreFiles files, Journal journal, Optional<StoreFiles.CleanClose> clean) throws StoreException {
        Path data = files.data();
        boolean earlier = journal.format() == Journal.EARLIER_FORMAT;
        if (!earlier && clean.isPresent() && clean.get().matches(journal) && Files.exists(data)) {
            DB db = Schema.openDatabase(data, false);
            try {
                if (Schema.createOrCheck(db, data) == Schema.VERSION) {
                    return new Database(db, false);
                }
                db.close();
                LOG.log(Level.INFO, "{0} is of an earlier build; rebuilding it from the journal", data);
            } catch (StoreException | RuntimeException e) {
                db.close();
                LOG.log(Level.WARNING, "{0} was closed cleanly but cannot be read ({1}); rebuilding it from the journal",
                        data, e.toString());
            }
        } else if (earlier) {
            LOG.log(Level.INFO, "{0} was written by an earlier build; rebuilding {1} from it and rewriting it",
                    files.journal(), data);
        } else if (Files.exists(data)) {
            LOG.log(Level.WARNING, "{0} was not closed cleanly (a crash or a kill); rebuilding it from the journal {1}",
                    data, files.journal());
        }
        boolean hadState = Files.exists(data) || journal.length() > Journal.HEADER_SIZE;
        DB db = rebuild(files, journal);
        if (earlier) {
            try {
                rewriteEarlier(db, journal, files);
            } catch (StoreException | RuntimeException | Error e) {
                db.close();
                throw e;
            }
        }
        return new Database(db, hadState);
    }

    /**
     * Brings what an earlier build left to this build's state: clients without a public key await it
     * from their last-seen time, and the journal is written anew from the rebuilt state (no AES key
     * in it: {@link BulkLoad} dropped them).
     */
    private static void rewriteEarlier(DB db, Journal journal, StoreFiles files) throws StoreException {
        Tables tables = new Tables(db);
        long awaiting = 0;
        for (var e : tables.allClients()) {
            if (!RecordFormat.hasPublicKey(e.getValue())) {
                tables.putAwaitingKey(e.getKey(), RecordFormat.registeredAt(RecordFormat.client(e.getKey(),
                        e.getValue()).lastSeen()));
                awaiting++;
            }
        }
        // straight into MapDB: the new journal holds these entries, not the old one
        tables.committed();
        db.commit();
        try {
            journal.replaceWith(tables::snapshot);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot rewrite the store journal " + files.journal() + " of an earlier build: "
                    + e, e);
        }
        LOG.log(Level.INFO, "{0}: rewrote the journal of an earlier build; {1} clients await their public key",
                files.journal(), awaiting);
    }

    /**
     * Writes a new MapDB file from the journal's final state. A crash meanwhile leaves no clean-close
     * marker (taken before), so the next open rebuilds again.
     */
    private static DB rebuild(StoreFiles files, Journal journal) throws StoreException {
        files.deleteMapDbFiles();
        DB db = Schema.openDatabase(files.data(), false);
        try {
            // MapDB refuses a file made empty in advance: owner-only right after it made it, before any record
            files.restrictMapDbFile();
            long start = System.nanoTime();
            BulkLoad.Loaded loaded = BulkLoad.load(db, journal);
            LOG.log(Level.INFO, "{0}: rebuilt from the journal ({1} bytes) in {2} ms: {3} clients",
                    files.data(), journal.length(), (System.nanoTime() - start) / 1_000_000, loaded.clients());
            if (loaded.tablesPutChangeByChange() > 0) {
                LOG.log(Level.WARNING, "{0}: {1} tables had more keys than half the heap holds an index of;"
                        + " they were put change by change (slowly): give the server a larger heap", files.data(),
                        loaded.tablesPutChangeByChange());
            }
            if (loaded.aesKeysDropped() > 0) {
                LOG.log(Level.INFO, "{0}: dropped the AES keys of {1} client records of an earlier build",
                        files.journal(), loaded.aesKeysDropped());
            }
            return db;
        } catch (StoreException | RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }
}
