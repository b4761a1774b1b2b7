package dropvault.storage.postgresql.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, created and migrated by version at open: the missing migrations run once, in one
 * transaction that records the version they reach, under an advisory lock so that servers starting at the
 * same time migrate one after the other. Versioned SQL here instead of Flyway: Flyway has no module
 * name, brings Jackson and Commons Text, and finds its migrations by scanning class-path URLs,
 * which a jlink image does not have (docs/SEVERAL-SERVERS.md).
 */
final class Schema {
    /**
     * Version 1: clients and files as PROTOCOL.md §7 has them; version 2: each file's size, cksum and
     * the number of its last version, and the versions kept of replaced files; version 3: no AES key
     * (the connection's, never stored: each stored one is overwritten before its column goes), and an
     * index of the clients that have not sent their key, which expire; version 4: whether a client is
     * key-bound (it proved its key over TLS; every client of an earlier version is not). A new version
     * is a new entry, never an edit.
     */
    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE clients (
                id bytea PRIMARY KEY CHECK (length(id) = 16),
                name text COLLATE "C" NOT NULL UNIQUE,
                public_key bytea,
                aes_key bytea,
                last_seen_second bigint NOT NULL,
                last_seen_nano integer NOT NULL CHECK (last_seen_nano BETWEEN 0 AND 999999999)
            );
            CREATE TABLE files (
                client_id bytea NOT NULL CHECK (length(client_id) = 16),
                file_name text COLLATE "C" NOT NULL,
                path_name text NOT NULL,
                verified boolean NOT NULL,
                PRIMARY KEY (client_id, file_name)
            );
            """, """
            ALTER TABLE files
                ADD COLUMN size bigint NOT NULL DEFAULT -1 CHECK (size >= -1),
                ADD COLUMN cksum bigint NOT NULL DEFAULT -1 CHECK (cksum BETWEEN -1 AND 4294967295),
                ADD COLUMN last_version bigint NOT NULL DEFAULT 0 CHECK (last_version >= 0);
            CREATE TABLE file_versions (
                client_id bytea NOT NULL CHECK (length(client_id) = 16),
                file_name text COLLATE "C" NOT NULL,
                number bigint NOT NULL CHECK (number >= 1),
                path_name text NOT NULL,
                size bigint NOT NULL CHECK (size >= -1),
                cksum bigint NOT NULL CHECK (cksum BETWEEN -1 AND 4294967295),
                kept_second bigint NOT NULL,
                kept_nano integer NOT NULL CHECK (kept_nano BETWEEN 0 AND 999999999),
                PRIMARY KEY (client_id, file_name, number)
            );
            """, """
            UPDATE clients SET aes_key = NULL WHERE aes_key IS NOT NULL;
            ALTER TABLE clients DROP COLUMN aes_key;
            CREATE INDEX clients_awaiting_key ON clients (last_seen_second, last_seen_nano) WHERE public_key IS NULL;
            """, """
            ALTER TABLE clients
                ADD COLUMN key_bound boolean NOT NULL DEFAULT false,
                ADD CONSTRAINT key_bound_has_a_key CHECK (NOT key_bound OR public_key IS NOT NULL);
            """);
    static final int VERSION = MIGRATIONS.size();
    /** Any number, the same in every server: the advisory lock's key. */
    private static final long MIGRATION_LOCK = 0x64726f7076L;

    private Schema() {
    }

    /** Brings the database to {@link #VERSION}; refuses one that a newer dropvault migrated. */
    static int migrate(Connection c) throws SQLException {
        return migrate(c, VERSION);
    }

    /** Brings the database to {@code version} (an earlier one: for tests of what earlier builds left). */
    static int migrate(Connection c, int version) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            s.execute("CREATE TABLE IF NOT EXISTS dropvault_schema (version integer NOT NULL, "
                    + "applied_at timestamptz NOT NULL DEFAULT now())");
            int current;
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM dropvault_schema")) {
                r.next();
                current = r.getInt(1);
            }
            if (current > VERSION) {
                throw new SQLException("the database has schema version " + current + ", newer than this server's "
                        + VERSION + ": run a newer dropvault");
            }
            for (int v = current + 1; v <= version; v++) {
                s.execute(MIGRATIONS.get(v - 1));
                s.execute("INSERT INTO dropvault_schema (version) VALUES (" + v + ")");
            }
            c.commit();
            return current;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
