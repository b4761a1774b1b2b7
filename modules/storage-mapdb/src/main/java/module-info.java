/**
 * The MapDB implementation of the Store SPI: one MapDB file database read and written with explicit
 * serializers, made durable by a checksummed journal of its own (rebuilt from after a crash) and
 * group commit. Reached only through {@link java.util.ServiceLoader}.
 *
 * @provides dropvault.storage.spi.StoreProvider
 */
module dropvault.storage.mapdb {
    requires dropvault.storage;
    requires mapdb;
    // MapDB is an automatic module and does not pull these in by itself (STACK.md)
    requires kotlin.stdlib;
    requires com.google.common;
    // MapDB's hashing: its native library's temporary copy is deleted once loaded
    requires lz4;

    provides dropvault.storage.spi.StoreProvider with dropvault.storage.mapdb.internal.MapDbStoreProvider;
}
