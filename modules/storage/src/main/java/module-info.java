/**
 * The Store SPI: registered clients, received files and the versions kept of them, each operation atomic and durable before
 * it returns. Implementations are found with {@link java.util.ServiceLoader}.
 *
 * @uses dropvault.storage.spi.StoreProvider
 */
module dropvault.storage {
    requires transitive dropvault.protocol;

    exports dropvault.storage;
    exports dropvault.storage.spi;

    uses dropvault.storage.spi.StoreProvider;
}
