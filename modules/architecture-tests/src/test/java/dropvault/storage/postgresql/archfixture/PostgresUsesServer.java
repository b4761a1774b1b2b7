package dropvault.storage.postgresql.archfixture;

/** Breaks STORAGE_POSTGRESQL_USES_ONLY_STORAGE_AND_JDBC. */
public class PostgresUsesServer {
    dropvault.server.spi.Session session;
}
