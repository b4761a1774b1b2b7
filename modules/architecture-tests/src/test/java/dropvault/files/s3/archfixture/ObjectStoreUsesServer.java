package dropvault.files.s3.archfixture;

/** Breaks FILES_S3_USES_ONLY_THE_S3_CLIENT: the server, even its SPI, where the file-area SPI is all it needs. */
public class ObjectStoreUsesServer {
    dropvault.server.spi.Session session;
}
