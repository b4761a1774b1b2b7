package dropvault.files.s3.archfixture;

/** Breaks FILES_S3_USES_ONLY_THE_S3_CLIENT. */
public class ObjectStoreUsesServer {
    dropvault.server.spi.Session session;
}
