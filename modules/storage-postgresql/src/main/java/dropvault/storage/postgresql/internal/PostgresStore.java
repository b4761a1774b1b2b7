package dropvault.storage.postgresql.internal;

import com.zaxxer.hikari.HikariDataSource;
import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.OutageLog;
import dropvault.storage.Replacement;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.VersionPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The store on PostgreSQL. Every operation is one transaction (one statement in auto-commit
 * mode, or several for a replacement that keeps a version and for a client's deletion), committed (and, with PostgreSQL's default {@code synchronous_commit}, durable)
 * before the method returns; a name or an id is given once by the table's unique constraints, also
 * to two servers at the same instant. A failed statement (the database down, a lost connection)
 * is a {@link StoreException}; the pool connects again by itself when the database is back.
 */
final class PostgresStore implements Store {
    private static final String CLIENT_COLUMNS = "id, name, public_key, last_seen_second, last_seen_nano, key_bound";

    private final HikariDataSource pool;
    private final OutageLog trouble;
    private final String description;
    private volatile boolean closed;

    PostgresStore(HikariDataSource pool, OutageLog trouble, String description) {
        this.pool = pool;
        this.trouble = trouble;
        this.description = description;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T with(String operation, Work<T> work) throws StoreException {
        if (closed) {
            throw new StoreException("the store is closed");
        }
        try (Connection c = pool.getConnection()) {
            T result = work.run(c);
            trouble.succeeded();
            return result;
        } catch (SQLException e) {
            trouble.failed(operation + " failed: " + e.getMessage());
            throw new StoreException(operation + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ClientRecord> client(ClientId id) throws StoreException {
        Objects.requireNonNull(id, "id");
        return with("reading a client", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + CLIENT_COLUMNS + " FROM clients WHERE id = ?")) {
                s.setBytes(1, id.toBytes());
                return first(s);
            }
        });
    }

    @Override
    public Optional<ClientRecord> clientByName(String name) throws StoreException {
        Objects.requireNonNull(name, "name");
        return with("reading a client", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + CLIENT_COLUMNS + " FROM clients WHERE name = ?")) {
                s.setString(1, name);
                return first(s);
            }
        });
    }

    @Override
    public List<ClientRecord> clients() throws StoreException {
        return with("listing clients", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + CLIENT_COLUMNS + " FROM clients ORDER BY id");
                 ResultSet r = s.executeQuery()) {
                List<ClientRecord> all = new ArrayList<>();
                while (r.next()) {
                    all.add(client(r));
                }
                return all;
            }
        });
    }

    @Override
    public boolean register(ClientId id, String name, Instant now) throws StoreException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(now, "now");
        return with("registering a client", c -> {
            // no conflict target: a taken id and a taken name both leave the row out
            try (PreparedStatement s = c.prepareStatement("INSERT INTO clients (id, name, last_seen_second, "
                    + "last_seen_nano) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setBytes(1, id.toBytes());
                s.setString(2, name);
                s.setLong(3, now.getEpochSecond());
                s.setInt(4, now.getNano());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean setPublicKey(ClientId id, byte[] publicKey, Instant now) throws StoreException {
        Objects.requireNonNull(id, "id");
        byte[] publicKeyCopy = publicKey.clone();
        Objects.requireNonNull(now, "now");
        return with("storing a public key", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE clients SET public_key = ?, "
                    + "last_seen_second = ?, last_seen_nano = ? WHERE id = ?")) {
                s.setBytes(1, publicKeyCopy);
                s.setLong(2, now.getEpochSecond());
                s.setInt(3, now.getNano());
                s.setBytes(4, id.toBytes());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean bindKey(ClientId id) throws StoreException {
        Objects.requireNonNull(id, "id");
        return with("binding a client to its key", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE clients SET key_bound = true WHERE id = ? "
                    + "AND public_key IS NOT NULL")) {
                s.setBytes(1, id.toBytes());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** One statement: the clients, then their files and versions (an import may have given them some). */
    @Override
    public int expireRegistrations(Instant registeredBefore) throws StoreException {
        Objects.requireNonNull(registeredBefore, "registeredBefore");
        return with("expiring registrations", c -> {
            try (PreparedStatement s = c.prepareStatement("WITH gone AS (DELETE FROM clients WHERE public_key IS NULL "
                    + "AND (last_seen_second, last_seen_nano) < (?, ?) RETURNING id), "
                    + "versions AS (DELETE FROM file_versions WHERE client_id IN (SELECT id FROM gone)), "
                    + "files AS (DELETE FROM files WHERE client_id IN (SELECT id FROM gone)) "
                    + "SELECT count(*) FROM gone")) {
                s.setLong(1, registeredBefore.getEpochSecond());
                s.setInt(2, registeredBefore.getNano());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    @Override
    public void touch(ClientId id, Instant now) throws StoreException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        with("recording last seen", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE clients SET last_seen_second = ?, last_seen_nano = ? WHERE id = ?")) {
                s.setLong(1, now.getEpochSecond());
                s.setInt(2, now.getNano());
                s.setBytes(3, id.toBytes());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void putFile(FileRecord file) throws StoreException {
        Objects.requireNonNull(file, "file");
        with("recording a file", c -> {
            // the versions of the name stay; only the current record is replaced
            try (PreparedStatement s = c.prepareStatement("INSERT INTO files (client_id, file_name, path_name, "
                    + "verified, size, cksum) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, file_name) DO UPDATE SET "
                    + "path_name = excluded.path_name, verified = excluded.verified, size = excluded.size, "
                    + "cksum = excluded.cksum")) {
                s.setBytes(1, file.clientId().toBytes());
                s.setString(2, file.fileName());
                s.setString(3, file.pathName());
                s.setBoolean(4, file.verified());
                s.setLong(5, file.size());
                s.setLong(6, file.cksum());
                return s.executeUpdate();
            }
        });
    }

    /**
     * One transaction: the client's row is locked first, so the replacements of one client (whose
     * byte limit spans all its names) happen one after the other, on every server.
     */
    @Override
    public Replacement putFile(FileRecord file, String previousPathName, Instant now, VersionPolicy policy)
            throws StoreException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(previousPathName, "previousPathName");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(policy, "policy");
        byte[] id = file.clientId().toBytes();
        return with("recording a file", c -> inTransaction(c, () -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM clients WHERE id = ? FOR UPDATE")) {
                lock.setBytes(1, id);
                lock.executeQuery().close();
            }
            Optional<FileVersion> kept = Optional.empty();
            long lastVersion = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT size, cksum, last_version FROM files "
                    + "WHERE client_id = ? AND file_name = ? FOR UPDATE")) {
                s.setBytes(1, id);
                s.setString(2, file.fileName());
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        lastVersion = r.getLong(3) + 1;
                        kept = Optional.of(new FileVersion(file.clientId(), file.fileName(), lastVersion,
                                previousPathName, r.getLong(1), r.getLong(2), now));
                    }
                }
            }
            if (kept.isPresent()) {
                FileVersion v = kept.get();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO file_versions (client_id, file_name, "
                        + "number, path_name, size, cksum, kept_second, kept_nano) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setBytes(1, id);
                    s.setString(2, v.fileName());
                    s.setLong(3, v.number());
                    s.setString(4, v.pathName());
                    s.setLong(5, v.size());
                    s.setLong(6, v.cksum());
                    s.setLong(7, now.getEpochSecond());
                    s.setInt(8, now.getNano());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO files (client_id, file_name, path_name, "
                    + "verified, size, cksum, last_version) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, "
                    + "file_name) DO UPDATE SET path_name = excluded.path_name, verified = excluded.verified, "
                    + "size = excluded.size, cksum = excluded.cksum, last_version = excluded.last_version")) {
                s.setBytes(1, id);
                s.setString(2, file.fileName());
                s.setString(3, file.pathName());
                s.setBoolean(4, file.verified());
                s.setLong(5, file.size());
                s.setLong(6, file.cksum());
                s.setLong(7, lastVersion);
                s.executeUpdate();
            }
            List<FileVersion> pruned = policy.toPrune(versions(c, file.clientId(), null), kept.orElse(null), now);
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM file_versions WHERE client_id = ? AND file_name = ? AND number = ?")) {
                for (FileVersion v : pruned) {
                    s.setBytes(1, id);
                    s.setString(2, v.fileName());
                    s.setLong(3, v.number());
                    s.addBatch();
                }
                if (!pruned.isEmpty()) {
                    s.executeBatch();
                }
            }
            return new Replacement(kept.filter(v -> !pruned.contains(v)), pruned);
        }));
    }

    @Override
    public List<FileVersion> versions(ClientId clientId, String fileName) throws StoreException {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(fileName, "fileName");
        return with("listing versions", c -> versions(c, clientId, fileName));
    }

    /** The client's versions (of {@code fileName}, or of every name when null), by name and number. */
    private static List<FileVersion> versions(Connection c, ClientId clientId, String fileName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT file_name, number, path_name, size, cksum, kept_second, "
                + "kept_nano FROM file_versions WHERE client_id = ?" + (fileName == null ? "" : " AND file_name = ?")
                + " ORDER BY file_name, number")) {
            s.setBytes(1, clientId.toBytes());
            if (fileName != null) {
                s.setString(2, fileName);
            }
            List<FileVersion> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new FileVersion(clientId, r.getString(1), r.getLong(2), r.getString(3), r.getLong(4),
                            r.getLong(5), Instant.ofEpochSecond(r.getLong(6), r.getInt(7))));
                }
            }
            return found;
        }
    }

    @Override
    public long storedBytes(ClientId clientId) throws StoreException {
        Objects.requireNonNull(clientId, "clientId");
        return with("adding up stored bytes", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT (SELECT coalesce(sum(greatest(size, 0)), 0) FROM "
                    + "files WHERE client_id = ?) + (SELECT coalesce(sum(greatest(size, 0)), 0) FROM file_versions "
                    + "WHERE client_id = ?)")) {
                s.setBytes(1, clientId.toBytes());
                s.setBytes(2, clientId.toBytes());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    @Override
    public long clientCount() throws StoreException {
        return count("SELECT count(*) FROM clients");
    }

    @Override
    public long keyedClientCount() throws StoreException {
        return count("SELECT count(*) FROM clients WHERE public_key IS NOT NULL");
    }

    private long count(String query) throws StoreException {
        return with("counting clients", c -> {
            try (PreparedStatement s = c.prepareStatement(query);
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Override
    public boolean deleteClient(ClientId id) throws StoreException {
        Objects.requireNonNull(id, "id");
        return with("deleting a client", c -> inTransaction(c, () -> {
            for (String table : List.of("file_versions", "files")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE client_id = ?")) {
                    s.setBytes(1, id.toBytes());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM clients WHERE id = ?")) {
                s.setBytes(1, id.toBytes());
                return s.executeUpdate() == 1;
            }
        }));
    }

    @FunctionalInterface
    private interface Transaction<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection c, Transaction<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    @Override
    public Optional<FileRecord> file(ClientId clientId, String fileName) throws StoreException {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(fileName, "fileName");
        return with("reading a file", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT path_name, verified, size, cksum FROM files WHERE client_id = ? AND file_name = ?")) {
                s.setBytes(1, clientId.toBytes());
                s.setString(2, fileName);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new FileRecord(clientId, fileName, r.getString(1), r.getBoolean(2),
                            r.getLong(3), r.getLong(4))) : Optional.<FileRecord>empty();
                }
            }
        });
    }

    @Override
    public List<FileRecord> files(ClientId clientId) throws StoreException {
        Objects.requireNonNull(clientId, "clientId");
        return with("listing files", c -> {
            // the column's "C" collation orders by the UTF-8 bytes
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT file_name, path_name, verified, size, cksum FROM files WHERE client_id = ? ORDER BY file_name")) {
                s.setBytes(1, clientId.toBytes());
                List<FileRecord> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new FileRecord(clientId, r.getString(1), r.getString(2), r.getBoolean(3),
                                r.getLong(4), r.getLong(5)));
                    }
                }
                return found;
            }
        });
    }

    /** Every change is committed on return: closing only releases the pool's connections. */
    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresStore[" + description + "]";
    }

    private static Optional<ClientRecord> first(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(client(r)) : Optional.empty();
        }
    }

    private static ClientRecord client(ResultSet r) throws SQLException {
        return new ClientRecord(ClientId.of(r.getBytes(1)), r.getString(2), Optional.ofNullable(r.getBytes(3)),
                Instant.ofEpochSecond(r.getLong(4), r.getInt(5)), r.getBoolean(6));
    }
}
