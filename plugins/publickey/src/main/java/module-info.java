/**
 * Serves request 826.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.publickey {
    requires dropvault.server;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.publickey.PublicKeyHandler;
}
