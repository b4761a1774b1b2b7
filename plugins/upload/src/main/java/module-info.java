/**
 * Serves request 828: the packets of an encrypted file, streamed to a temporary file.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.upload {
    requires dropvault.server;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.upload.UploadHandler;
}
