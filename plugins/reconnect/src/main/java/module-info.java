/**
 * Serves request 827.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.reconnect {
    requires dropvault.server;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.reconnect.ReconnectHandler;
}
