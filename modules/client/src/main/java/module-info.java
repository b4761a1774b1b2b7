/**
 * The dropvault client: the upload client library ({@link dropvault.client.UploadClient}), the
 * original client's files, and the command line ({@link dropvault.client.ClientCli}).
 */
module dropvault.client {
    requires transitive dropvault.protocol;
    requires transitive dropvault.crypto;
    requires dropvault.cli;

    exports dropvault.client;
}
