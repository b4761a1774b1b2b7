/**
 * {@code dropvault-check}: says which dialect of PROTOCOL.md §8 a server needs or a client speaks,
 * and where it departs from the text, check by check with evidence. It knows the wire and the
 * cryptography only, never the server's code, so it judges any implementation.
 */
module dropvault.check {
    requires dropvault.protocol;
    requires dropvault.crypto;
    // whether a server offers dropvault's retrieval extension, and how it serves it
    requires dropvault.retrieval;
    // --tls: the same protocol inside TLS 1.3
    requires dropvault.tls;
    requires dropvault.cli;
    requires org.apache.commons.cli;
    requires com.fasterxml.jackson.core;

    exports dropvault.check;
}
