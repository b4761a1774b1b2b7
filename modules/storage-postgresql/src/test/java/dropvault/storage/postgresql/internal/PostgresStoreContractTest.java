package dropvault.storage.postgresql.internal;

import dropvault.storage.Store;
import dropvault.storage.contract.StoreContract;
import dropvault.testing.postgres.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The Store contract on PostgreSQL: a fresh database per test, reopened on the same database. */
class PostgresStoreContractTest extends StoreContract {
    /** The schema of the last build that stored AES keys. */
    private static final int EARLIER_VERSION = 2;
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

    @Override
    protected Store openEarlierStore(List<EarlierClient> clients) throws Exception {
        url = EmbeddedPostgres.shared().createDatabase();
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, "")) {
            Schema.migrate(c, EARLIER_VERSION);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO clients (id, name, public_key, aes_key, "
                    + "last_seen_second, last_seen_nano) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (EarlierClient e : clients) {
                    s.setBytes(1, e.id().toBytes());
                    s.setString(2, e.name());
                    s.setBytes(3, e.publicKey());
                    s.setBytes(4, e.aesKey());
                    s.setLong(5, e.lastSeen().getEpochSecond());
                    s.setInt(6, e.lastSeen().getNano());
                    s.executeUpdate();
                }
            }
        }
        return open();
    }

    /** In any row of the store's tables (a bytea column shows as hex in a row's text). */
    @Override
    protected boolean keptAtRest(byte[] bytes) throws Exception {
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, "");
             PreparedStatement s = c.prepareStatement("SELECT (SELECT count(*) FROM clients t WHERE strpos(t::text, ?) > 0)"
                     + " + (SELECT count(*) FROM files t WHERE strpos(t::text, ?) > 0)"
                     + " + (SELECT count(*) FROM file_versions t WHERE strpos(t::text, ?) > 0)")) {
            String hex = HexFormat.of().formatHex(bytes);
            for (int i = 1; i <= 3; i++) {
                s.setString(i, hex);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        }
    }
}
