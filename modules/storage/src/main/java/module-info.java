/**
 * The Store SPI: registered clients, received files and the versions kept of them, each operation atomic and durable before
 * it returns; and the file-area SPI ({@code dropvault.storage.files}): where the bytes of those files live, named by the
 * path names the store records, with the data folder as the embedded default. Implementations of both are found with
 * {@link java.util.ServiceLoader}.
 *
 * @uses dropvault.storage.spi.StoreProvider
 * @uses dropvault.storage.files.FileAreaProvider
 * @provides dropvault.storage.files.FileAreaProvider
 */
module dropvault.storage {
    requires transitive dropvault.protocol;

    exports dropvault.storage;
    exports dropvault.storage.spi;
    exports dropvault.storage.files;

    uses dropvault.storage.spi.StoreProvider;
    uses dropvault.storage.files.FileAreaProvider;

    provides dropvault.storage.files.FileAreaProvider with dropvault.storage.files.DataFolderFiles;
}
