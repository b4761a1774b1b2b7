/**
 * The MapDB implementation of the Store SPI: one file database with transactions on, explicit
 * serializers and group commit. Reached only through {@link java.util.ServiceLoader}.
 *
 * @provides dropvault.storage.spi.StoreProvider
 */
module dropvault.storage.mapdb {
    requires dropvault.storage;
    requires mapdb;
    // MapDB is an automatic module and does not pull these in by itself (STACK.md)
    requires kotlin.stdlib;
    requires com.google.common;

    provides dropvault.storage.spi.StoreProvider with dropvault.storage.mapdb.internal.MapDbStoreProvider;
}
