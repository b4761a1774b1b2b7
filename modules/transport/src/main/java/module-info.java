/** TCP: an accept loop on virtual threads, connections with read and idle timeouts, a cap on open connections. */
module dropvault.transport {
    requires transitive dropvault.protocol;

    exports dropvault.transport;
}
