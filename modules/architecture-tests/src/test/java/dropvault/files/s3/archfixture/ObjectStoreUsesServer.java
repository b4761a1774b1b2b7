package dropvault.files.s3.archfixture;

/** Breaks FILES_S3_USES_ONLY_THE_S3_CLIENT: the server's internals, not its SPI. */
public class ObjectStoreUsesServer {
    dropvault.server.ServerConfig config;
}
