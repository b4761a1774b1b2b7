package dropvault.storage.spi;

import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.nio.file.Path;
import java.util.Map;

/** Opens a {@link Store}; found with {@link java.util.ServiceLoader} and chosen by {@link #name()}. */
public interface StoreProvider {

    /** The name configuration uses for this store, such as {@code mapdb}. */
    String name();

    /** Opens the store kept under {@code dataDir}, with implementation-specific {@code options}. */
    Store open(Path dataDir, Map<String, String> options) throws StoreException;
}
