/**
 * {@code dropvault-admin}: reads and repairs a data folder through the Store SPI, with whichever store
 * its configuration names ({@link java.util.ServiceLoader}); never through server code.
 *
 * @uses dropvault.storage.spi.StoreProvider
 */
module dropvault.admin {
    requires dropvault.storage;
    requires dropvault.crypto;
    requires dropvault.cli;
    requires com.fasterxml.jackson.core;

    exports dropvault.admin;

    uses dropvault.storage.spi.StoreProvider;
}
