/**
 * {@code dropvault-admin}: reads and repairs what a server keeps through the Store SPI and the file-area
 * SPI, with whichever store and file area its configuration names ({@link java.util.ServiceLoader}):
 * a data folder or a bucket; never through server code.
 *
 * @uses dropvault.storage.spi.StoreProvider
 * @uses dropvault.storage.files.FileAreaProvider
 */
module dropvault.admin {
    requires dropvault.storage;
    requires dropvault.crypto;
    requires dropvault.cli;
    requires com.fasterxml.jackson.core;

    exports dropvault.admin;

    uses dropvault.storage.spi.StoreProvider;
    uses dropvault.storage.files.FileAreaProvider;
}
