/**
 * Main classes of the distribution: {@code dropvault-server} and {@code dropvault-client}.
 *
 * <p>The store and the handler plugins are found with {@link java.util.ServiceLoader} and never
 * used directly: they are {@code requires static} here only so that builds and tests place them on
 * the module path. In the runtime image, service binding resolves them at start-up (jlink links
 * them because launcher/pom.xml names them).
 */
module dropvault.launcher {
    requires dropvault.server;
    requires dropvault.client;
    requires dropvault.metrics;
    requires dropvault.cli;
    // sun.misc.Signal: SIGTERM stops the server cleanly and exits 0
    requires jdk.unsupported;

    // dropvault.crypto needs these only when configured to; the distribution always ships them, so
    // they are in the boot layer (Conscrypt provides no service that would bind it there)
    requires org.bouncycastle.provider;
    requires org.conscrypt;
    // in the boot layer for plugins dropped into plugins/ that serve the retrieval extension, as the SPI is
    requires dropvault.retrieval.server;

    // the image's bin/dropvault-admin; only the tests use it from here
    requires static dropvault.admin;
    // the tests' TLS clients (the client's own TLS is the client module's)
    requires static dropvault.tls;
    requires static dropvault.storage.mapdb;
    // the tests' view of a bucket beside the server's (files.provider=s3)
    requires static dropvault.files.s3;
    requires static dropvault.storage.postgresql;
    requires static dropvault.plugin.register;
    requires static dropvault.plugin.publickey;
    requires static dropvault.plugin.reconnect;
    requires static dropvault.plugin.upload;
    requires static dropvault.plugin.crc;
    requires static dropvault.plugin.list;
    requires static dropvault.plugin.get;
    requires static dropvault.plugin.restore;
}
