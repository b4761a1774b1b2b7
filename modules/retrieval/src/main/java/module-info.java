/**
 * The retrieval extension of the protocol (docs/PROTOCOL.md §10): a client lists its files, gets a
 * file or one of its versions back, and makes a version current again. Its codes, the sealed form
 * every request and answer takes (AES-256-GCM under a key derived from the connection's AES key) and
 * the bodies inside; shared by the server's plugins, the client and the checker.
 */
module dropvault.retrieval {
    requires transitive dropvault.protocol;

    exports dropvault.retrieval;
}
