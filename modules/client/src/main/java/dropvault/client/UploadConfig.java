package dropvault.client;

import dropvault.protocol.Dialect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What one upload needs.
 *
 * @param host       the server's host name or address
 * @param port       the server's TCP port
 * @param name       the client's name, used when it registers (me.info's name wins when it exists)
 * @param file       the file to send
 * @param clientDir  where me.info and priv.key live
 * @param dialect    how to send the requests (PROTOCOL.md §8); with {@code findDialect}, the first one tried
 * @param chunkSize  ciphertext bytes a packet, a positive multiple of 16; grown when the file would
 *                   need more than 65,535 packets
 * @param timeout    connect and read timeout
 * @param findDialect when a server refuses an upload (1607), closes the connection or stays silent,
 *                   reconnect and try the next of {@link Dialect#NAMED}, and remember the one that worked
 * @param tls        whether the protocol goes inside TLS, and how the server's identity is checked
 * @param answerWait with {@code findDialect}, until the dialect is found: how long a silent server is waited for
 */
public record UploadConfig(String host, int port, String name, Path file, Path clientDir, Dialect dialect,
                           int chunkSize, Duration timeout, boolean findDialect, TlsSettings tls,
                           AnswerWait answerWait) {

    public static final int DEFAULT_CHUNK_SIZE = 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public UploadConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clientDir, "clientDir");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(answerWait, "answerWait");
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
        }
        if (chunkSize <= 0 || chunkSize % 16 != 0) {
            throw new IllegalArgumentException("chunk size must be a positive multiple of 16, not " + chunkSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public UploadConfig(String host, int port, String name, Path file, Path clientDir, Dialect dialect,
                        int chunkSize, Duration timeout, boolean findDialect, TlsSettings tls) {
        this(host, port, name, file, clientDir, dialect, chunkSize, timeout, findDialect, tls, AnswerWait.DEFAULT);
    }

    /** A strict spec upload (no finding out): 1024-byte packets, a 30-second timeout. */
    public static UploadConfig of(String host, int port, String name, Path file, Path clientDir) {
        return new UploadConfig(host, port, name, file, clientDir, Dialect.SPEC, DEFAULT_CHUNK_SIZE, DEFAULT_TIMEOUT,
                false, TlsSettings.OFF);
    }

    /** Exactly this dialect, with no fallback. */
    public UploadConfig withDialect(Dialect d) {
        return new UploadConfig(host, port, name, file, clientDir, d, chunkSize, timeout, false, tls, answerWait);
    }

    /** Finds the dialect the server needs, starting with the one remembered for it (else spec). */
    public UploadConfig withFoundDialect() {
        return new UploadConfig(host, port, name, file, clientDir, dialect, chunkSize, timeout, true, tls, answerWait);
    }

    public UploadConfig withChunkSize(int bytes) {
        return new UploadConfig(host, port, name, file, clientDir, dialect, bytes, timeout, findDialect, tls, answerWait);
    }

    public UploadConfig withTimeout(Duration t) {
        return new UploadConfig(host, port, name, file, clientDir, dialect, chunkSize, t, findDialect, tls, answerWait);
    }

    /** Inside TLS, the server's identity checked as {@code settings} say ({@link TlsSettings#OFF}: in the clear). */
    public UploadConfig withTls(TlsSettings settings) {
        return new UploadConfig(host, port, name, file, clientDir, dialect, chunkSize, timeout, findDialect, settings, answerWait);
    }

    /** While the dialect is being found, a server silent for {@code w}'s wait has answered. */
    public UploadConfig withAnswerWait(AnswerWait w) {
        return new UploadConfig(host, port, name, file, clientDir, dialect, chunkSize, timeout, findDialect, tls, w);
    }
}
