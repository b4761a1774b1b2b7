/**
 * Test support for plugin authors: {@link dropvault.server.testkit.TestServer} starts a real server
 * in-process on 127.0.0.1 (an ephemeral port, the MapDB store, the request handlers found on the module
 * path), {@link dropvault.server.testkit.TestClient} speaks frames to it and
 * {@link dropvault.server.testkit.Peer} does what a client does step by step. A plugin's tests add this
 * module and the plugins they need with test scope (docs/PLUGINS.md).
 */
module dropvault.server.testkit {
    requires transitive dropvault.server;
    requires transitive dropvault.protocol;
    requires transitive dropvault.crypto;
    requires transitive dropvault.storage;
    requires transitive dropvault.retrieval;
    requires transitive org.junit.jupiter.api;

    exports dropvault.server.testkit;
}
