/**
 * File bytes in an S3-compatible object store, for several servers sharing one bucket: a streamed
 * multipart upload with a bounded number of parts in memory, server-side copies, ranged reads,
 * listing, and the sweep of multipart uploads that a stopped server left behind; on them
 * {@link dropvault.files.s3.S3FileArea}, the file area in a bucket. Built on the AWS SDK for
 * Java 2 with the JDK's HTTP client (url-connection-client).
 */
module dropvault.files.s3 {
    requires transitive dropvault.storage;
    // the SDK's jars are automatic modules (each names itself in its manifest)
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;

    exports dropvault.files.s3;

    provides dropvault.storage.files.FileAreaProvider with dropvault.files.s3.S3FileAreaProvider;
}
