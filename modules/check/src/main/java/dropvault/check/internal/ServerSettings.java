package dropvault.check.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@code dropvault-check server} was asked.
 *
 * @param maxUpload      the largest upload of the size checks (100 MiB by default); larger ones are not run
 * @param sessions       sessions of the concurrency check
 * @param restartCommand a shell command that restarts the server, for the state check
 * @param tls            every connection inside TLS 1.3
 * @param tlsFingerprint with {@code tls}: only a server of this fingerprint (else any certificate within its dates)
 */
public record ServerSettings(String host, int port, Duration timeout, String provider, long maxUpload, int sessions,
                             Optional<String> restartCommand, boolean tls, Optional<String> tlsFingerprint) {

    /** In the clear. */
    public ServerSettings(String host, int port, Duration timeout, String provider, long maxUpload, int sessions,
                          Optional<String> restartCommand) {
        this(host, port, timeout, provider, maxUpload, sessions, restartCommand, false, Optional.empty());
    }
    public static final long DEFAULT_MAX_UPLOAD = 100L << 20;
    public static final int DEFAULT_SESSIONS = 16;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static ServerSettings of(String host, int port) {
        return new ServerSettings(host, port, DEFAULT_TIMEOUT, "jdk", DEFAULT_MAX_UPLOAD, DEFAULT_SESSIONS, Optional.empty());
    }

    public ServerSettings withTimeout(Duration t) {
        return new ServerSettings(host, port, t, provider, maxUpload, sessions, restartCommand, tls, tlsFingerprint);
    }

    public ServerSettings withMaxUpload(long bytes) {
        return new ServerSettings(host, port, timeout, provider, bytes, sessions, restartCommand, tls, tlsFingerprint);
    }

    public ServerSettings withRestartCommand(String cmd) {
        return new ServerSettings(host, port, timeout, provider, maxUpload, sessions, Optional.of(cmd), tls,
                tlsFingerprint);
    }

    /** Inside TLS, any certificate or only the one of {@code fingerprint}. */
    public ServerSettings withTls(Optional<String> fingerprint) {
        return new ServerSettings(host, port, timeout, provider, maxUpload, sessions, restartCommand, true,
                fingerprint.map(dropvault.tls.Fingerprint::parse));
    }

    /** One client context for every connection of the suite, when inside TLS. */
    Optional<javax.net.ssl.SSLContext> tlsContext() {
        if (!tls) {
            return Optional.empty();
        }
        try {
            return Optional.of(dropvault.tls.TlsClient.context(dropvault.tls.TlsProvider.fromSystemProperty(),
                    dropvault.tls.ServerTrust.fingerprint(tlsFingerprint)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS cannot start: " + e.getMessage(), e);
        }
    }
}
