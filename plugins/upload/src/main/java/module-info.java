/**
 * Serves request 828: the packets of an encrypted file, streamed to a temporary file.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.upload {
    requires dropvault.server;
    // com.sun.nio.file.ExtendedOpenOption.DIRECT: files are written past the page cache (DirectAppender)
    requires jdk.unsupported;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.upload.UploadHandler;
}
