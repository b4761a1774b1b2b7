package dropvault.storage.mapdb.internal;

import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.spi.StoreProvider;
import java.nio.file.Path;
import java.util.Map;

/** Opens the MapDB store, {@code store.db} in the data folder. */
public final class MapDbStoreProvider implements StoreProvider {
    @Override
    public String name() {
        return "mapdb";
    }

    @Override
    public Store open(Path dataDir, Map<String, String> options) throws StoreException {
        throw new StoreException("the MapDB store is being written (issue 4)");
    }
}
