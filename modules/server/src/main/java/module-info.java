/**
 * The dropvault server: dispatcher, sessions, configuration and plugin loading. Handlers are
 * plugins found with {@link java.util.ServiceLoader}; they see only {@code dropvault.server.spi}.
 *
 * @uses dropvault.server.spi.RequestHandler
 * @uses dropvault.storage.spi.StoreProvider
 * @uses dropvault.storage.files.FileAreaProvider
 */
module dropvault.server {
    requires transitive dropvault.protocol;
    requires transitive dropvault.crypto;
    requires transitive dropvault.storage;
    requires dropvault.transport;
    // the TLS listener's provider and certificate
    requires dropvault.tls;
    // the JSON formatter of logging.properties is a java.util.logging Formatter
    requires java.logging;
    requires com.fasterxml.jackson.core;

    exports dropvault.server;
    exports dropvault.server.spi;
    exports dropvault.server.events;
    exports dropvault.server.logging;

    uses dropvault.server.spi.RequestHandler;
    uses dropvault.storage.spi.StoreProvider;
    uses dropvault.storage.files.FileAreaProvider;
}
