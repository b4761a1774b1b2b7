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
            Journal created = Journal.create(journal, tables::snapshot);
            LOG.log(Level.INFO, "{0}: wrote the journal {1} from a store that had none", files.data(), journal);
            return created;
        } finally {
            earlier.close();
        }
    }

    /** An open MapDB file, and whether it had to be rebuilt from the journal. */
    record Database(DB db, boolean rebuilt) {
    }

    /** Opens the MapDB file if {@code clean} says it matches {@code journal}; rebuilds it otherwise. */
    static Database database(StoreFiles files, Journal journal, Optional<StoreFiles.CleanClose> clean) throws StoreException {
        Path data = files.data();
        if (clean.isPresent() && clean.get().matches(journal) && Files.exists(data)) {
            DB db = Schema.openDatabase(data, false);
            try {
                Schema.createOrCheck(db, data);
                return new Database(db, false);
            } catch (StoreException | RuntimeException e) {
                db.close();
                LOG.log(Level.WARNING, "{0} was closed cleanly but cannot be read ({1}); rebuilding it from the journal",
                        data, e.toString());
            }
        } else if (Files.exists(data)) {
            LOG.log(Level.WARNING, "{0} was not closed cleanly (a crash or a kill); rebuilding it from the journal {1}",
                    data, files.journal());
        }
        boolean hadState = Files.exists(data) || journal.length() > Journal.HEADER_SIZE;
        return new Database(rebuild(files, journal), hadState);
    }

    private static DB rebuild(StoreFiles files, Journal journal) throws StoreException {
        files.deleteMapDbFiles();
        DB db = Schema.openDatabase(files.data(), false);
        try {
            Schema.createOrCheck(db, files.data());
            Tables tables = new Tables(db);
            journal.read(tables::replay);
            return db;
        } catch (StoreException | RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }
}
