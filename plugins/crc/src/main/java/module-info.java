/**
 * Serves requests 900, 901 and 902: the client's verdict on the cksum of an upload.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.crc {
    requires dropvault.server;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.crc.CrcHandler;
}
