package dropvault.storage.mapdb.internal;

import dropvault.storage.Store;
import dropvault.storage.contract.StoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Override
    protected Store openEarlierStore(List<EarlierClient> clients) throws Exception {
        EarlierBuild.writeJournal(Files.createDirectory(dir.resolve("earlier")).resolve("store.db.journal"), clients);
        return new MapDbStoreProvider().open(dir.resolve("earlier"), Map.of());
    }

    /** In the journal and the MapDB file alike: the journal's rewrite and the file's rebuild both drop the keys. */
    @Override
    protected boolean keptAtRest(byte[] bytes) throws Exception {
        return EarlierBuild.anywhereIn(dir.resolve("earlier"), bytes);
    }
}
