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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The store as it was when opened, read from a copy, for tools that read while a server holds the
 * store (and its lock). The journal is append-only and every record checksummed, so a copy taken at
 * any moment is a valid journal: at worst its last record is incomplete (being written as it was
 * copied), and opening the copy cuts that record off, as after a crash. A journal rewrite replaces
 * the file by a rename, so the copy reads either the old file whole or the new one. The copy lives
 * in a temporary folder, removed at close; nothing in the data folder is touched.
 */
final class ReadOnlyCopy implements Store {
    private final MapDbStore copy;
    private final Path folder;

    private ReadOnlyCopy(MapDbStore copy, Path folder) {
        this.copy = copy;
        this.folder = folder;
    }

    /** Copies the journal of the store in {@code file} (or, for a store of a build without one, the file) and opens the copy. */
    static Store of(Path file, long lazyDelayNanos) throws StoreException {
        Path folder;
        try {
            folder = Files.createTempDirectory("dropvault-store-copy-");
        } catch (IOException e) {
            throw new StoreException("cannot make a temporary folder for a copy of the store: " + e, e);
        }
        try {
            String name = file.getFileName().toString();
            Path journal = file.resolveSibling(name + ".journal");
            if (Files.exists(journal)) {
                Files.copy(journal, folder.resolve(name + ".journal"));
            } else if (Files.exists(file)) {
                Files.copy(file, folder.resolve(name));
            }
            return new ReadOnlyCopy(MapDbStore.open(folder.resolve(name), CommitFault.NONE, lazyDelayNanos), folder);
        } catch (IOException | StoreException | RuntimeException e) {
            deleteQuietly(folder);
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("cannot copy the store " + file + " to read it: " + e, e);
        }
    }

    @Override
    public Optional<ClientRecord> client(ClientId id) throws StoreException {
        return copy.client(id);
    }

    @Override
    public Optional<ClientRecord> clientByName(String name) throws StoreException {
        return copy.clientByName(name);
    }

    @Override
    public List<ClientRecord> clients() throws StoreException {
        return copy.clients();
    }

    @Override
    public Optional<FileRecord> file(ClientId clientId, String fileName) throws StoreException {
        return copy.file(clientId, fileName);
    }

    @Override
    public List<FileRecord> files(ClientId clientId) throws StoreException {
        return copy.files(clientId);
    }

    @Override
    public List<FileVersion> versions(ClientId clientId, String fileName) throws StoreException {
        return copy.versions(clientId, fileName);
    }

    @Override
    public long storedBytes(ClientId clientId) throws StoreException {
        return copy.storedBytes(clientId);
    }

    @Override
    public long clientCount() throws StoreException {
        return copy.clientCount();
    }

    @Override
    public boolean register(ClientId id, String name, Instant now) throws StoreException {
        throw readOnly();
    }

    @Override
    public long keyedClientCount() throws StoreException {
        return copy.keyedClientCount();
    }

    @Override
    public boolean setPublicKey(ClientId id, byte[] publicKey, Instant now) throws StoreException {
        throw readOnly();
    }

    @Override
    public boolean bindKey(ClientId id) throws StoreException {
        throw readOnly();
    }

    @Override
    public int expireRegistrations(Instant registeredBefore) throws StoreException {
        throw readOnly();
    }

    @Override
    public void touch(ClientId id, Instant now) throws StoreException {
        throw readOnly();
    }

    @Override
    public void putFile(FileRecord file) throws StoreException {
        throw readOnly();
    }

    @Override
    public Replacement putFile(FileRecord file, String previousPathName, Instant now, VersionPolicy policy)
            throws StoreException {
        throw readOnly();
    }

    @Override
    public boolean deleteClient(ClientId id) throws StoreException {
        throw readOnly();
    }

    private static StoreException readOnly() {
        return new StoreException("the store was opened for reading only");
    }

    @Override
    public void close() throws StoreException {
        try {
            copy.close();
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.getLogger(ReadOnlyCopy.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot remove the store copy " + folder + ": " + e);
        }
    }
}
