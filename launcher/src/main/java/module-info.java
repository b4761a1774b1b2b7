/** Main classes of the distribution: it assembles the server, its built-in plugins, the MapDB store and the client. */
module dropvault.launcher {
    requires dropvault.server;
    requires dropvault.client;
    // dropvault.crypto needs these only when configured to; the distribution always ships them, so
    // they are in the boot layer (Conscrypt provides no service that would bind it there)
    requires org.bouncycastle.provider;
    requires org.conscrypt;
}
