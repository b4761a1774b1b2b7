/**
 * Serves request 900.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.crc {
    requires dropvault.server;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.crc.CrcHandler;
}
