package dropvault.storage.postgresql.internal;

import dropvault.storage.Store;
import dropvault.storage.contract.StoreContract;
import dropvault.testing.postgres.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;

/** The Store contract on PostgreSQL: a fresh database per test, reopened on the same database. */
class PostgresStoreContractTest extends StoreContract {
    private String url;

    private Store open() throws Exception {
        return new PostgresStoreProvider(name -> null).open(Path.of("unused"),
                Map.of("url", url, "user", EmbeddedPostgres.USER));
    }

    @Override
    protected Store openFresh() throws Exception {
        url = EmbeddedPostgres.shared().createDatabase();
        return open();
    }

    @Override
    protected Store reopen() throws Exception {
        return open();
    }
}
