package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;
import java.nio.file.Path;
import java.util.List;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/** The named collections of the store and the schema version that says how to read them. */
final class Schema {
    /**
     * The version this build writes. Version 1 (earlier builds: client values may hold an AES key, no
     * clients awaiting their key) is read only to be rebuilt from the journal; others are refused.
     */
    static final int VERSION = 2;
    static final int EARLIER_VERSION = 1;

    static final String VERSION_NAME = "dropvault.schemaVersion";
    static final String CLIENTS = "dropvault.clients";
    static final String IDS_BY_NAME = "dropvault.clientIdsByName";
    static final String FILES = "dropvault.files";
    static final String AWAITING_KEY = "dropvault.clientsAwaitingKey";

    private Schema() {
    }

    /**
     * Opens the MapDB file. Without MapDB's transactions, as the store runs (the {@link Journal} makes
     * it durable); with them only to read a store written before the journal existed. Memory-mapped:
     * a third of the CPU time of reads and writes through {@code RandomAccessFile}. The mapping goes with
     * the garbage collector, not at close: MapDB's early unmapping calls {@code Unsafe.invokeCleaner},
     * which Java 25 warns about.
     */
    static DB openDatabase(Path file, boolean transactions) throws StoreException {
        Lz4NativeCopy.deleteOnce();
        try {
            DBMaker.Maker maker = DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported();
            return (transactions ? maker.transactionEnable() : maker).make();
        } catch (DBException.FileLocked e) {
            throw new StoreException("the store " + file + " is in use by another process", e);
        } catch (DBException | IllegalStateException | IllegalArgumentException e) {
            throw new StoreException("cannot open the store " + file + " (damaged, or not a MapDB file?): " + e, e);
        }
    }

    /** Marks a new MapDB file with this build's schema version; its maps are made by the makers below. */
    static void createVersion(DB db) {
        db.atomicInteger(VERSION_NAME, VERSION).create();
    }

    /* The maker of each map, set as a new file lays it out. */

    static DB.TreeMapMaker<byte[], byte[]> clients(DB db) {
        // values outside the B-tree nodes: a read or an update touches one record, not a whole leaf of them
        return db.treeMap(CLIENTS, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable();
    }

    static DB.TreeMapMaker<String, byte[]> idsByName(DB db) {
        return db.treeMap(IDS_BY_NAME, Serializer.STRING, Serializer.BYTE_ARRAY);
    }

    static DB.TreeMapMaker<byte[], byte[]> files(DB db) {
        return db.treeMap(FILES, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable();
    }

    static DB.TreeMapMaker<byte[], byte[]> awaitingKey(DB db) {
        return db.treeMap(AWAITING_KEY, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY);
    }

    /**
     * Creates the collections of a new store, or checks the schema version of an existing one;
     * returns the version (that of an earlier build too).
     */
    static int createOrCheck(DB db, Path file) throws StoreException {
        if (!db.getAllNames().iterator().hasNext()) {
            createVersion(db);
            clients(db).create();
            idsByName(db).create();
            files(db).create();
            awaitingKey(db).create();
            db.commit();
            return VERSION;
        }
        if (!db.exists(VERSION_NAME)) {
            throw new StoreException(file + " is a MapDB file but not a dropvault store (no schema version)");
        }
        int version = db.atomicInteger(VERSION_NAME).open().get();
        if (version > VERSION) {
            throw new StoreException(file + " has schema version " + version
                    + ", written by a newer dropvault; this one reads version " + VERSION);
        }
        if (version != VERSION && version != EARLIER_VERSION) {
            throw new StoreException(file + " has unknown schema version " + version + "; this dropvault reads version "
                    + VERSION);
        }
        List<String> collections = version == VERSION ? List.of(CLIENTS, IDS_BY_NAME, FILES, AWAITING_KEY)
                : List.of(CLIENTS, IDS_BY_NAME, FILES);
        for (String name : collections) {
            if (!db.exists(name)) {
                throw new StoreException(file + " lacks the collection " + name + " of schema version " + version);
            }
        }
        return version;
    }
}
