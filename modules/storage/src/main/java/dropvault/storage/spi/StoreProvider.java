package dropvault.storage.spi;

import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.nio.file.Path;
import java.util.Map;

/** Opens a {@link Store}; found with {@link java.util.ServiceLoader} and chosen by {@link #name()}. */
public interface StoreProvider {

    /** The name configuration uses for this store, such as {@code mapdb}. */
    String name();

    /**
     * Opens the store kept under {@code dataDir}, with implementation-specific {@code options}.
     *
     * @throws dropvault.storage.StoreInUseException when another process holds it
     */
    Store open(Path dataDir, Map<String, String> options) throws StoreException;

    /**
     * Opens the store for reading only, without taking it from a server that holds it: the state
     * as of this call (later changes are not seen), every change refused. Changes nothing in
     * {@code dataDir}. A store that cannot refuses with a {@link StoreException}: the default.
     */
    default Store openReadOnly(Path dataDir, Map<String, String> options) throws StoreException {
        throw new StoreException("the " + name() + " store cannot be opened for reading only");
    }
}
