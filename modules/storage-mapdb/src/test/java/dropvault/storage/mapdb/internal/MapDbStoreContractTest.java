package dropvault.storage.mapdb.internal;

import dropvault.storage.Store;
import dropvault.storage.contract.StoreContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The Store contract on MapDB: a fresh data folder per test, reopened from the same folder. */
class MapDbStoreContractTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Store openFresh() throws Exception {
        return new MapDbStoreProvider().open(dir, Map.of());
    }

    @Override
    protected Store reopen() throws Exception {
        return new MapDbStoreProvider().open(dir, Map.of());
    }
}
