/**
 * The dropvault client: the upload client library ({@link dropvault.client.UploadClient}), the
 * original client's files, and the command line ({@link dropvault.client.ClientCli}).
 */
module dropvault.client {
    requires transitive dropvault.protocol;
    requires transitive dropvault.crypto;
    // list, get and restore: the sealed messages of the retrieval extension
    requires transitive dropvault.retrieval;
    // FrameSender: a file's packets are sent on a thread of their own
    requires dropvault.transport;
    // the protocol inside TLS, the server's identity judged by fingerprint or authority
    requires dropvault.tls;
    // --help's layout, shared by every command line
    requires dropvault.cli;
    requires org.apache.commons.cli;

    exports dropvault.client;
}
