package dropvault.storage;

import dropvault.protocol.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Clients, files and the versions kept of them ({@link FileVersion}: what a confirmed upload of the
 * same name replaced; which ones are kept is the caller's {@link VersionPolicy}, applied by
 * {@link VersionPolicy#toPrune} in every implementation alike). Every method that changes something returns only once the change is durable,
 * and is atomic: it takes effect whole or not at all. Safe for concurrent use; implementations
 * share commits between concurrent callers where they can. No answer rests on a change that could
 * still be rolled back. A {@link StoreException} means the operation took no effect; the store
 * goes on serving later calls.
 */
public interface Store extends AutoCloseable {

    Optional<ClientRecord> client(ClientId id) throws StoreException;

    Optional<ClientRecord> clientByName(String name) throws StoreException;

    /** Every registered client, in the order of their ids (for administration and for tests). */
    List<ClientRecord> clients() throws StoreException;

    /**
     * Registers {@code name} under {@code id}.
     *
     * @return false, changing nothing, when the name or the id is taken
     */
    boolean register(ClientId id, String name, Instant now) throws StoreException;

    /**
     * Stores the client's public key and sets its last-seen time. The AES key issued for it is not the
     * store's: it belongs to the connection that was given it, and lives and dies with it.
     *
     * @return false, changing nothing, when no client has this id
     */
    boolean setPublicKey(ClientId id, byte[] publicKey, Instant now) throws StoreException;

    /**
     * Makes the client key-bound ({@link ClientRecord#keyBound}): it proved over TLS that it holds the
     * private key of its public key, and from now on a reconnection without that proof is refused. No
     * operation of the store unbinds it; {@link #setPublicKey} keeps the mark.
     *
     * @return false, changing nothing, when no client has this id or it holds no public key; true when
     *         it is key-bound now (also when it was before)
     */
    boolean bindKey(ClientId id) throws StoreException;

    /**
     * Records that the client was seen; durable with the next commit, not necessarily before return.
     * An unknown id is ignored.
     */
    void touch(ClientId id, Instant now) throws StoreException;

    /**
     * Records or replaces the file of this client and file name, keeping no version of what it
     * replaces (for imports and tests; uploads use {@link #putFile(FileRecord, String, Instant, VersionPolicy)}).
     */
    void putFile(FileRecord file) throws StoreException;

    /**
     * Records the file of this client and file name; when it replaces a record, that record becomes
     * the next {@link FileVersion} of the name, kept at {@code previousPathName} (where the caller has
     * put the previous bytes), with the replaced record's size and cksum and {@code now} as its time.
     * Then versions beyond {@code policy} are dropped from the store. All of it in one atomic,
     * durable change.
     *
     * @param previousPathName where the replaced content lives from now on, relative to the data folder
     * @return the version made (empty when nothing was replaced) and the versions dropped, whose
     *         files the caller deletes
     */
    Replacement putFile(FileRecord file, String previousPathName, Instant now, VersionPolicy policy)
            throws StoreException;

    /** The versions kept of this client's file name, oldest (lowest number) first; empty when none. */
    List<FileVersion> versions(ClientId clientId, String fileName) throws StoreException;

    /**
     * The bytes the client's files and their versions take, as recorded (sizes an older store did not
     * keep count as 0): what a per-client quota is checked against.
     */
    long storedBytes(ClientId clientId) throws StoreException;

    /** How many clients are registered, with a public key or not. */
    long clientCount() throws StoreException;

    /**
     * How many clients hold a public key: what {@code max.clients} bounds. A registration that never
     * sends its key does not count, and {@link #expireRegistrations} removes it in time.
     */
    long keyedClientCount() throws StoreException;

    /**
     * Removes every client that holds no public key and was last seen before {@code registeredBefore}
     * (a registration whose key exchange never came), with its name (free to register again) and any
     * file records, in one atomic, durable change.
     *
     * @return how many clients were removed
     */
    int expireRegistrations(Instant registeredBefore) throws StoreException;

    Optional<FileRecord> file(ClientId clientId, String fileName) throws StoreException;

    /** The client's files, in the order of their file names' UTF-8 bytes. */
    List<FileRecord> files(ClientId clientId) throws StoreException;

    /**
     * Removes the client: its record, its name (free to register again) and the records of its files.
     * The files' bytes in the data folder are the caller's to remove. For administration, while no
     * server serves the store. A store that cannot refuses with a {@link StoreException}: the default.
     *
     * @return false, changing nothing, when no client has this id
     */
    default boolean deleteClient(ClientId id) throws StoreException {
        throw new StoreException("the " + getClass().getSimpleName() + " store cannot delete clients");
    }

    /**
     * Tells {@code listener} the duration in nanoseconds of each commit from now on (one commit may hold
     * many callers' changes), for metrics. A store that cannot say ignores it: the default.
     */
    default void onCommit(java.util.function.LongConsumer listener) {
    }

    /** Commits what is pending and closes the store; later calls fail. */
    @Override
    void close() throws StoreException;
}
