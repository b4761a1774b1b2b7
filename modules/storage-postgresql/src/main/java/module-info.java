/**
 * The PostgreSQL implementation of the Store SPI, for several servers on one database: every
 * operation one transaction, names and ids unique by the database's constraints, the schema
 * created and migrated by version at open. Reached only through {@link java.util.ServiceLoader}.
 *
 * @provides dropvault.storage.spi.StoreProvider
 */
module dropvault.storage.postgresql {
    requires dropvault.storage;
    requires java.sql;
    requires com.zaxxer.hikari;
    // pgjdbc is an automatic module: it provides java.sql.Driver and is found by the pool through DriverManager
    requires org.postgresql.jdbc;

    provides dropvault.storage.spi.StoreProvider with dropvault.storage.postgresql.internal.PostgresStoreProvider;
}
