package dropvault.storage.mapdb.internal;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Replacement;
import dropvault.storage.VersionPolicy;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mapdb.DB;

/**
 * The Store on one MapDB file. Clients are kept by id with a unique index by name; files by client
 * id and file name, each file's value holding the versions kept of it ({@link RecordFormat}). Each commit is one record of the {@link Journal}, forced to
 * disk before its callers are answered; MapDB holds the same state for reading and is rebuilt from
 * the journal after a crash ({@link Recovery}). Changes are shared between concurrent callers' commits
 * by {@link GroupCommit}. Last-seen times wait in memory and are written with the next commit, one write
 * per client however often it was touched; reads see them at once.
 */
final class MapDbStore implements Store {
    private static final System.Logger LOG = System.getLogger(MapDbStore.class.getName());
    /** Below this size the journal is never rewritten; above it, once it has doubled since the last rewrite. */
    static final long DEFAULT_REWRITE_JOURNAL_AT = 64L << 20;

    private final Path file;
    private final StoreFiles storeFiles;
    private final Journal journal;
    private final DB db;
    private final Tables tables;
    private final GroupCommit commits;
    private final JournalRewriter rewriter;
    private final ConcurrentHashMap<ClientId, Instant> pendingLastSeen = new ConcurrentHashMap<>();
    private final AtomicLong lastSeenWrites = new AtomicLong();
    private final AtomicLong clientCount = new AtomicLong();
    /** Clients without a public key yet: registrations that may still expire. */
    private final AtomicLong awaitingKeyCount = new AtomicLong();
    private final boolean rebuiltOnOpen;
    private volatile java.util.function.LongConsumer commitListener = nanos -> { };
    private boolean closed;

    private MapDbStore(StoreFiles storeFiles, Journal journal, Recovery.Database database, CommitFault fault,
            long lazyDelayNanos, long rewriteJournalAt) {
        this.file = storeFiles.data();
        this.storeFiles = storeFiles;
        this.journal = journal;
        this.db = database.db();
        this.rebuiltOnOpen = database.rebuilt();
        this.tables = new Tables(db);
        this.clientCount.set(tables.clientCount());
        this.awaitingKeyCount.set(tables.awaitingKeyCount());
        this.commits = new GroupCommit(new GroupCommit.Transactions() {
            @Override
            public void commit() throws StoreException {
                long start = System.nanoTime();
                writePendingLastSeen();
                if (commitToJournal()) {
                    commitListener.accept(System.nanoTime() - start);
                }
            }

            @Override
            public void rollback() {
                tables.rollBack();
                if (journal.broken()) {
                    throw new IllegalStateException("the store journal " + storeFiles.journal()
                            + " could not be cut back after a failed write");
                }
            }
        }, fault, lazyDelayNanos, file.getFileName().toString());
        this.rewriter = new JournalRewriter(file, journal, tables, commits, rewriteJournalAt);
    }

    static MapDbStore open(Path file, CommitFault fault, long lazyDelayNanos) throws StoreException {
        return open(file, fault, lazyDelayNanos, DEFAULT_REWRITE_JOURNAL_AT);
    }

    /**
     * Opens (or creates) the store in {@code file}.
     *
     * @param lazyDelayNanos how long a change nobody waits for (last seen) may stay uncommitted
     * @param rewriteJournalAt the journal size from which it is rewritten once it has doubled
     */
    static MapDbStore open(Path file, CommitFault fault, long lazyDelayNanos, long rewriteJournalAt)
            throws StoreException {
        Path key = OpenFiles.claim(file);
        StoreFiles storeFiles = null;
        Journal journal = null;
        Recovery.Database database = null;
        try {
            storeFiles = StoreFiles.lock(key);
            List<Path> tightened = storeFiles.tighten();
            if (!tightened.isEmpty()) {
                LOG.log(Level.WARNING, "made the store files {0} owner-only: others could read them", tightened);
            }
            journal = Recovery.journal(storeFiles);
            // only once the journal is known good: a refused open leaves the marker for the next try
            Optional<StoreFiles.CleanClose> clean = storeFiles.takeCleanMarker();
            database = Recovery.database(storeFiles, journal, clean);
            return new MapDbStore(storeFiles, journal, database, fault, lazyDelayNanos, rewriteJournalAt);
        } catch (StoreException | RuntimeException | Error e) {
            closeQuietly(database == null ? null : database.db(), journal, storeFiles, e);
            OpenFiles.release(key);
            if (e instanceof RuntimeException) {
                throw new StoreException("cannot open the store " + key + ": " + e, e);
            }
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
            byte[] id = tables.clientIdByName(name);
            return id == null ? Optional.empty() : clientRecord(id).map(this::withPendingLastSeen);
        });
    }

    @Override
    public List<ClientRecord> clients() throws StoreException {
        return commits.read(() -> {
            List<ClientRecord> all = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : tables.allClients()) {
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
        boolean registered = commits.write(() -> {
            if (tables.client(idBytes) != null || tables.clientIdByName(name) != null) {
                return false;
            }
            tables.putClient(idBytes, value);
            tables.putClientIdByName(name, idBytes);
            tables.putAwaitingKey(idBytes, RecordFormat.registeredAt(now));
            // a touch from before the registration was of an unknown id
            pendingLastSeen.remove(id);
            return true;
        });
        if (registered) {
            clientCount.incrementAndGet();
            awaitingKeyCount.incrementAndGet();
        }
        return registered;
    }

    @Override
    public long clientCount() throws StoreException {
        commits.checkUsable();
        return clientCount.get();
    }

    @Override
    public long keyedClientCount() throws StoreException {
        commits.checkUsable();
        return clientCount.get() - awaitingKeyCount.get();
    }

    @Override
    public boolean setPublicKey(ClientId id, byte[] publicKey, Instant now) throws StoreException {
        Objects.requireNonNull(id, "id");
        byte[] publicKeyCopy = publicKey.clone();
        Objects.requireNonNull(now, "now");
        byte[] idBytes = id.toBytes();
        boolean[] firstKey = new boolean[1];
        boolean set = commits.write(() -> {
            Optional<ClientRecord> client = clientRecord(idBytes);
            if (client.isEmpty()) {
                return false;
            }
            tables.putClient(idBytes, RecordFormat.clientValue(client.get().withPublicKey(publicKeyCopy, now)));
            firstKey[0] = tables.awaitingKey(idBytes) != null;
            if (firstKey[0]) {
                tables.removeAwaitingKey(idBytes);
            }
            pendingLastSeen.remove(id);
            return true;
        });
        if (set && firstKey[0]) {
            awaitingKeyCount.decrementAndGet();
        }
        return set;
    }

    @Override
    public boolean bindKey(ClientId id) throws StoreException {
        Objects.requireNonNull(id, "id");
        byte[] idBytes = id.toBytes();
        return commits.write(() -> {
            Optional<ClientRecord> client = clientRecord(idBytes);
            if (client.isEmpty() || client.get().publicKey().isEmpty()) {
                return false;
            }
            if (!client.get().keyBound()) {
                // a last-seen time waiting for the commit is written over this value then, the mark kept
                tables.putClient(idBytes, RecordFormat.clientValue(client.get().withKeyBound()));
            }
            return true;
        });
    }

    @Override
    public int expireRegistrations(Instant registeredBefore) throws StoreException {
        Objects.requireNonNull(registeredBefore, "registeredBefore");
        List<ClientRecord> expired = new ArrayList<>();
        commits.write(() -> {
            expired.clear();
            for (Map.Entry<byte[], byte[]> e : tables.allAwaitingKey()) {
                Optional<ClientRecord> client = RecordFormat.registeredAt(e.getValue()).isBefore(registeredBefore)
                        ? clientRecord(e.getKey()).map(this::withPendingLastSeen) : Optional.empty();
                if (client.isPresent() && client.get().lastSeen().isBefore(registeredBefore)) {
                    expired.add(client.get());
                }
            }
            for (ClientRecord c : expired) {
                removeClient(c);
            }
            return !expired.isEmpty();
        });
        clientCount.addAndGet(-expired.size());
        awaitingKeyCount.addAndGet(-expired.size());
        return expired.size();
    }

    /** Removes a client with its name, its file records and its wait for a key; under the commit lock. */
    private void removeClient(ClientRecord client) throws StoreException {
        byte[] idBytes = client.id().toBytes();
        List<byte[]> fileKeys = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : tables.filesStartingWith(idBytes)) {
            fileKeys.add(e.getKey());
        }
        fileKeys.forEach(tables::removeFile);
        tables.removeClientIdByName(client.name());
        tables.removeAwaitingKey(idBytes);
        tables.removeClient(idBytes);
        pendingLastSeen.remove(client.id());
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
        commits.write(() -> {
            // the versions of the name stay; only the current record is replaced
            byte[] old = tables.file(key);
            RecordFormat.StoredFile before = old == null ? null : RecordFormat.storedFile(key, old);
            tables.putFile(key, RecordFormat.fileValue(before == null ? new RecordFormat.StoredFile(file, 0, List.of())
                    : new RecordFormat.StoredFile(file, before.lastVersion(), before.versions())));
            return true;
        });
    }

    @Override
    public boolean deleteClient(ClientId id) throws StoreException {
        Objects.requireNonNull(id, "id");
        byte[] idBytes = id.toBytes();
        boolean[] awaited = new boolean[1];
        boolean deleted = commits.write(() -> {
            Optional<ClientRecord> client = clientRecord(idBytes);
            if (client.isEmpty()) {
                return false;
            }
            awaited[0] = tables.awaitingKey(idBytes) != null;
            removeClient(client.get());
            return true;
        });
        if (deleted) {
            clientCount.decrementAndGet();
            awaitingKeyCount.addAndGet(awaited[0] ? -1 : 0);
        }
        return deleted;
    }

    @Override
    public Replacement putFile(FileRecord file, String previousPathName, Instant now, VersionPolicy policy)
            throws StoreException {
        Objects.requireNonNull(previousPathName, "previousPathName");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(policy, "policy");
        byte[] key = RecordFormat.fileKey(file.clientId(), file.fileName());
        Replacement[] result = new Replacement[1];
        commits.write(() -> {
            byte[] old = tables.file(key);
            Optional<FileVersion> kept = Optional.empty();
            RecordFormat.StoredFile stored;
            if (old == null) {
                stored = new RecordFormat.StoredFile(file, 0, List.of());
            } else {
                RecordFormat.StoredFile before = RecordFormat.storedFile(key, old);
                FileRecord replaced = before.file();
                FileVersion version = new FileVersion(file.clientId(), file.fileName(), before.lastVersion() + 1,
                        previousPathName, replaced.size(), replaced.cksum(), now);
                kept = Optional.of(version);
                List<FileVersion> versions = new ArrayList<>(before.versions());
                versions.add(version);
                stored = new RecordFormat.StoredFile(file, version.number(), versions);
            }
            Map<ByteBuffer, RecordFormat.StoredFile> ofClient = storedFiles(file.clientId());
            ofClient.put(ByteBuffer.wrap(key), stored);
            List<FileVersion> all = ofClient.values().stream().flatMap(f -> f.versions().stream()).toList();
            List<FileVersion> pruned = policy.toPrune(all, kept.orElse(null), now);
            for (Map.Entry<ByteBuffer, RecordFormat.StoredFile> e : ofClient.entrySet()) {
                RecordFormat.StoredFile f = e.getValue();
                List<FileVersion> left = f.versions().stream().filter(v -> !pruned.contains(v)).toList();
                boolean isThis = e.getKey().equals(ByteBuffer.wrap(key));
                if (isThis || left.size() != f.versions().size()) {
                    tables.putFile(e.getKey().array(),
                            RecordFormat.fileValue(new RecordFormat.StoredFile(f.file(), f.lastVersion(), left)));
                }
            }
            result[0] = new Replacement(kept.filter(v -> !pruned.contains(v)), pruned);
            return true;
        });
        return result[0];
    }

    /** The client's stored files by key; read under the commit lock. */
    private Map<ByteBuffer, RecordFormat.StoredFile> storedFiles(ClientId clientId) throws StoreException {
        Map<ByteBuffer, RecordFormat.StoredFile> found = new LinkedHashMap<>();
        for (Map.Entry<byte[], byte[]> e : tables.filesStartingWith(clientId.toBytes())) {
            found.put(ByteBuffer.wrap(e.getKey()), RecordFormat.storedFile(e.getKey(), e.getValue()));
        }
        return found;
    }

    @Override
    public List<FileVersion> versions(ClientId clientId, String fileName) throws StoreException {
        byte[] key = RecordFormat.fileKey(clientId, fileName);
        return commits.read(() -> {
            byte[] value = tables.file(key);
            return value == null ? List.of() : RecordFormat.storedFile(key, value).versions();
        });
    }

    @Override
    public long storedBytes(ClientId clientId) throws StoreException {
        return commits.read(() -> {
            long bytes = 0;
            for (RecordFormat.StoredFile f : storedFiles(clientId).values()) {
                bytes += f.file().knownSize();
                for (FileVersion v : f.versions()) {
                    bytes += v.knownSize();
                }
            }
            return bytes;
        });
    }

    @Override
    public Optional<FileRecord> file(ClientId clientId, String fileName) throws StoreException {
        byte[] key = RecordFormat.fileKey(clientId, fileName);
        return commits.read(() -> {
            byte[] value = tables.file(key);
            return value == null ? Optional.empty() : Optional.of(RecordFormat.file(key, value));
        });
    }

    @Override
    public List<FileRecord> files(ClientId clientId) throws StoreException {
        byte[] prefix = clientId.toBytes();
        return commits.read(() -> {
            List<FileRecord> found = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : tables.filesStartingWith(prefix)) {
                found.add(RecordFormat.file(e.getKey(), e.getValue()));
            }
            return found;
        });
    }

    @Override
    public void onCommit(java.util.function.LongConsumer listener) {
        commitListener = Objects.requireNonNull(listener);
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

    /** Whether opening rebuilt the MapDB file from the journal (it had not been closed cleanly), for tests. */
    boolean rebuiltOnOpen() {
        return rebuiltOnOpen;
    }

    /** How many times the journal was rewritten, once a rewrite in progress has ended; for tests. */
    long journalRewrites() {
        rewriter.await();
        return rewriter.rewrites();
    }

    /**
     * Commits what is pending, closes MapDB and, when everything before succeeded, marks the MapDB
     * file as matching the journal, so that the next open need not rebuild it. A second caller waits
     * until the first is done.
     */
    @Override
    public synchronized void close() throws StoreException {
        if (closed) {
            return;
        }
        closed = true;
        boolean committed = false;
        try {
            commits.close();
            committed = true;
        } finally {
            // a rewrite in progress stops at its next step: the store is closed
            rewriter.await();
            try {
                closeDatabase(committed && !journal.broken());
            } finally {
                closeQuietly(null, journal, storeFiles, null);
                OpenFiles.release(file);
            }
        }
    }

    private void closeDatabase(boolean matchesJournal) throws StoreException {
        try {
            db.commit();
            db.close();
        } catch (RuntimeException e) {
            throw new StoreException("could not close " + file + ": " + e, e);
        }
        if (matchesJournal) {
            try {
                storeFiles.putCleanMarker(journal.generation(), journal.length());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "{0}: could not mark the store as closed cleanly ({1}); the next open"
                        + " rebuilds it from the journal", file, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "MapDbStore[" + file + "]";
    }

    private Optional<ClientRecord> clientRecord(byte[] id) throws StoreException {
        byte[] value = tables.client(id);
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
            byte[] value = lastSeen == null ? null : tables.client(idBytes);
            if (value != null) {
                tables.putClient(idBytes, RecordFormat.clientValue(RecordFormat.client(idBytes, value).withLastSeen(lastSeen)));
                lastSeenWrites.incrementAndGet();
            }
        }
    }

    /** Runs under the commit lock: one journal record for everything since the last commit; false when there was nothing. */
    private boolean commitToJournal() throws StoreException {
        if (!tables.changed()) {
            return false;
        }
        try {
            journal.append(tables.redo(), tables.redoLength());
        } catch (IOException e) {
            throw new StoreException("could not write the store journal " + storeFiles.journal() + ": " + e, e);
        }
        tables.committed();
        rewriter.afterCommit();
        return true;
    }

    /** Closes whichever of these is not null; failures are added to {@code failure}, or logged without one. */
    private static void closeQuietly(DB db, Journal journal, StoreFiles storeFiles, Throwable failure) {
        AutoCloseable[] all = {db == null ? null : db::close, journal, storeFiles};
        for (AutoCloseable c : all) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    LOG.log(Level.WARNING, "could not close a store file: {0}", e.toString());
                }
            }
        }
    }
}
