package dropvault.check.internal;

import dropvault.crypto.CryptoSuite;
import dropvault.protocol.Dialect;
import java.time.Duration;

/**
 * The server under test and how to talk to it.
 *
 * @param dialect what the server needs (found by the suite's first checks)
 * @param chunk   ciphertext bytes a packet (plaintext bytes a packet when encrypting per packet)
 */
record Target(String host, int port, Duration timeout, CryptoSuite crypto, Dialect dialect, int chunk,
              java.util.Optional<javax.net.ssl.SSLContext> tls) {
    /** In the clear. */
    Target(String host, int port, Duration timeout, CryptoSuite crypto, Dialect dialect, int chunk) {
        this(host, port, timeout, crypto, dialect, chunk, java.util.Optional.empty());
    }

    Target withDialect(Dialect d) {
        return new Target(host, port, timeout, crypto, d, chunk, tls);
    }

    Target withTimeout(Duration t) {
        return new Target(host, port, t, crypto, dialect, chunk, tls);
    }

    String address() {
        return host + ":" + port;
    }
}
