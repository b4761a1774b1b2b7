/**
 * Serves request 828.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.upload {
    requires dropvault.server;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.upload.UploadHandler;
}
