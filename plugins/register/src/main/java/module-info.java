/**
 * Serves request 825.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.register {
    requires dropvault.server;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.register.RegisterHandler;
}
