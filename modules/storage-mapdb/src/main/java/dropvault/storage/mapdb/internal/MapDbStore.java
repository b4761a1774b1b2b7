package dropvault.storage.mapdb.internal;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * The Store on one MapDB file. Clients are kept by id with a unique index by name; files by client
 * id and file name ({@link RecordFormat}). Changes are shared between concurrent callers' commits
 * by {@link GroupCommit}. Last-seen times wait in memory and are written with the next commit, one write
 * per client however often it was touched; reads see them at once.
 */
final class MapDbStore implements Store {
    private final Path file;
    private final DB db;
    private final BTreeMap<byte[], byte[]> clients;
    private final BTreeMap<String, byte[]> idsByName;
    private final BTreeMap<byte[], byte[]> files;
    private final GroupCommit commits;
    private final ConcurrentHashMap<ClientId, Instant> pendingLastSeen = new ConcurrentHashMap<>();
    private final AtomicLong lastSeenWrites = new AtomicLong();

    private MapDbStore(Path file, DB db, CommitFault fault, long lazyDelayNanos) {
        this.file = file;
        this.db = db;
        this.clients = db.treeMap(Schema.CLIENTS, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).open();
        this.idsByName = db.treeMap(Schema.IDS_BY_NAME, Serializer.STRING, Serializer.BYTE_ARRAY).open();
        this.files = db.treeMap(Schema.FILES, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).open();
        this.commits = new GroupCommit(new GroupCommit.Transactions() {
            @Override
            public void commit() throws StoreException {
                writePendingLastSeen();
                db.commit();
            }

            @Override
            public void rollback() {
                db.rollback();
            }
        }, fault, lazyDelayNanos, file.getFileName().toString());
    }

    /**
     * Opens (or creates) the store in {@code file}.
     *
     * @param lazyDelayNanos how long a change nobody waits for (last seen) may stay uncommitted
     */
    static MapDbStore open(Path file, CommitFault fault, long lazyDelayNanos) throws StoreException {
        Path key = OpenFiles.claim(file);
        DB db = null;
        try {
            db = Schema.openDatabase(key);
            Schema.createOrCheck(db, key);
            return new MapDbStore(key, db, fault, lazyDelayNanos);
        } catch (RuntimeException e) {
            if (db != null) {
                closeQuietly(db, e);
            }
            OpenFiles.release(key);
            throw new StoreException("cannot open the store " + key + ": " + e, e);
        } catch (StoreException | Error e) {
            if (db != null) {
                closeQuietly(db, e);
            }
            OpenFiles.release(key);
            throw e;
        }
    }

    @Override
    public Optional<ClientRecord> client(ClientId id) throws StoreException {
        Objects.requireNonNull(id, "id");
        return commits.read(() -> clientRecord(id.toBytes()).map(this::withPendingLastSeen));
    }

    @Override
    public Optional<ClientRecord> clientByName(String name) throws StoreException {
        Objects.requireNonNull(name, "name");
        return commits.read(() -> {
            byte[] id = idsByName.get(name);
            return id == null ? Optional.empty() : clientRecord(id).map(this::withPendingLastSeen);
        });
    }

    @Override
    public List<ClientRecord> clients() throws StoreException {
        return commits.read(() -> {
            List<ClientRecord> all = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : clients.entrySet()) {
                all.add(withPendingLastSeen(RecordFormat.client(e.getKey(), e.getValue())));
            }
            return all;
        });
    }

    @Override
    public boolean register(ClientId id, String name, Instant now) throws StoreException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(now, "now");
        byte[] idBytes = id.toBytes();
        byte[] value = RecordFormat.clientValue(ClientRecord.registered(id, name, now));
        return commits.write(() -> {
            if (clients.containsKey(idBytes) || idsByName.containsKey(name)) {
                return false;
            }
            clients.put(idBytes, value);
            idsByName.put(name, idBytes);
            // a touch from before the registration was of an unknown id
            pendingLastSeen.remove(id);
            return true;
        });
    }

    @Override
    public boolean setKeys(ClientId id, byte[] publicKey, byte[] aesKey, Instant now) throws StoreException {
        Objects.requireNonNull(id, "id");
        byte[] publicKeyCopy = publicKey.clone();
        byte[] aesKeyCopy = aesKey.clone();
        Objects.requireNonNull(now, "now");
        byte[] idBytes = id.toBytes();
        return commits.write(() -> {
            Optional<ClientRecord> client = clientRecord(idBytes);
            if (client.isEmpty()) {
                return false;
            }
            clients.put(idBytes, RecordFormat.clientValue(client.get().withKeys(publicKeyCopy, aesKeyCopy, now)));
            pendingLastSeen.remove(id);
            return true;
        });
    }

    /** Only the first touch of a client since the last commit takes the commit lock: it asks for a commit. */
    @Override
    public void touch(ClientId id, Instant now) throws StoreException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        commits.checkUsable();
        if (pendingLastSeen.put(id, now) == null) {
            commits.writeLazily(() -> true);
        }
    }

    @Override
    public void putFile(FileRecord file) throws StoreException {
        Objects.requireNonNull(file.clientId(), "clientId");
        Objects.requireNonNull(file.fileName(), "fileName");
        Objects.requireNonNull(file.pathName(), "pathName");
        byte[] key = RecordFormat.fileKey(file.clientId(), file.fileName());
        byte[] value = RecordFormat.fileValue(file);
        commits.write(() -> {
            files.put(key, value);
            return true;
        });
    }

    @Override
    public Optional<FileRecord> file(ClientId clientId, String fileName) throws StoreException {
        byte[] key = RecordFormat.fileKey(clientId, fileName);
        return commits.read(() -> {
            byte[] value = files.get(key);
            return value == null ? Optional.empty() : Optional.of(RecordFormat.file(key, value));
        });
    }

    @Override
    public List<FileRecord> files(ClientId clientId) throws StoreException {
        byte[] prefix = clientId.toBytes();
        return commits.read(() -> {
            List<FileRecord> found = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : files.prefixSubMap(prefix).entrySet()) {
                found.add(RecordFormat.file(e.getKey(), e.getValue()));
            }
            return found;
        });
    }

    /** How many commits this store has made: far fewer than changes when callers share them. */
    public long commitCount() {
        return commits.commits();
    }

    /** How many last-seen times were written to MapDB, for tests. */
    long lastSeenWrites() {
        return lastSeenWrites.get();
    }

    int queuedCallers() {
        return commits.queuedCallers();
    }

    /** Commits what is pending, then closes MapDB; a second caller waits until the first is done. */
    @Override
    public synchronized void close() throws StoreException {
        try {
            commits.close();
        } finally {
            if (!db.isClosed()) {
                try {
                    db.close();
                } catch (RuntimeException e) {
                    throw new StoreException("could not close " + file + ": " + e, e);
                } finally {
                    OpenFiles.release(file);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "MapDbStore[" + file + "]";
    }

    private Optional<ClientRecord> clientRecord(byte[] id) throws StoreException {
        byte[] value = clients.get(id);
        return value == null ? Optional.empty() : Optional.of(RecordFormat.client(id, value));
    }

    private ClientRecord withPendingLastSeen(ClientRecord client) {
        Instant lastSeen = pendingLastSeen.get(client.id());
        return lastSeen == null ? client : client.withLastSeen(lastSeen);
    }

    /**
     * Runs under the commit lock, just before MapDB commits. Each entry is removed before it is written,
     * so a touch racing with this either lands here or finds no entry and asks for the next commit.
     * Unknown ids are dropped.
     */
    private void writePendingLastSeen() throws StoreException {
        for (ClientId id : pendingLastSeen.keySet()) {
            Instant lastSeen = pendingLastSeen.remove(id);
            byte[] idBytes = id.toBytes();
            byte[] value = lastSeen == null ? null : clients.get(idBytes);
            if (value != null) {
                clients.put(idBytes, RecordFormat.clientValue(RecordFormat.client(idBytes, value).withLastSeen(lastSeen)));
                lastSeenWrites.incrementAndGet();
            }
        }
    }

    private static void closeQuietly(DB db, Throwable failure) {
        try {
            db.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
