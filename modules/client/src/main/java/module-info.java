/** The dropvault client: the upload client library, the original client's files, and the command line. */
module dropvault.client {
    requires dropvault.protocol;
    requires dropvault.crypto;
    requires dropvault.transport;
    requires org.apache.commons.cli;

    exports dropvault.client;
}
