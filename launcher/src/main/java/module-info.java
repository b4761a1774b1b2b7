/**
 * Main classes of the distribution: {@code dropvault-server} and {@code dropvault-client}.
 *
 * <p>The store and the handler plugins are found with {@link java.util.ServiceLoader} and never
 * used directly: they are {@code requires static} here only so that builds and tests place them on
 * the module path; at run time {@code --add-modules} resolves them (the bin scripts do).
 */
module dropvault.launcher {
    requires dropvault.server;
    requires dropvault.client;
    requires org.apache.commons.cli;
    // sun.misc.Signal: SIGTERM stops the server cleanly and exits 0
    requires jdk.unsupported;

    requires static dropvault.storage.mapdb;
    requires static dropvault.plugin.register;
    requires static dropvault.plugin.publickey;
    requires static dropvault.plugin.reconnect;
    requires static dropvault.plugin.upload;
    requires static dropvault.plugin.crc;
}
