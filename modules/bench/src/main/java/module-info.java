/**
 * {@code dropvault-bench}: a load tool that drives any server speaking the protocol of
 * PROTOCOL.md with many concurrent sessions and reports throughput, latency and failures. It
 * knows the wire and the cryptography only, never the server's code.
 */
module dropvault.bench {
    requires dropvault.protocol;
    requires dropvault.crypto;
    // --tls: the same protocol inside TLS 1.3
    requires dropvault.tls;
    requires dropvault.transport;
    requires dropvault.cli;
    requires org.apache.commons.cli;

    exports dropvault.bench;
}
