package dropvault.client;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the client speaks TLS to the server and how it knows the server is the right one.
 *
 * @param mode        off, known servers (trust on first use, servers.info), a pinned fingerprint, or authorities
 * @param fingerprint the fingerprint pinned ({@link Mode#PINNED})
 * @param caFile      the authorities' certificates (PEM) for {@link Mode#AUTHORITIES}; empty: the system's roots
 */
public record TlsSettings(Mode mode, Optional<String> fingerprint, Optional<Path> caFile) {

    /** How the server's identity is checked. */
    public enum Mode {
        /** No TLS: the protocol in the clear. */
        OFF,
        /**
         * The fingerprint recorded for the server in servers.info beside me.info, recorded there on
         * first use (as OpenSSH's known_hosts).
         */
        KNOWN_SERVERS,
        /** Exactly this fingerprint (and servers.info is brought up to date with it). */
        PINNED,
        /** A certificate issued by an authority, for the host name the client was given. */
        AUTHORITIES
    }

    public static final TlsSettings OFF = new TlsSettings(Mode.OFF, Optional.empty(), Optional.empty());

    public TlsSettings {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(fingerprint);
        Objects.requireNonNull(caFile);
        if ((mode == Mode.PINNED) != fingerprint.isPresent()) {
            throw new IllegalArgumentException("a fingerprint goes with the pinned mode only");
        }
        if (caFile.isPresent() && mode != Mode.AUTHORITIES) {
            throw new IllegalArgumentException("a CA file goes with the authorities mode only");
        }
    }

    /** TLS, the server's fingerprint checked against servers.info and recorded there on first use. */
    public static TlsSettings knownServers() {
        return new TlsSettings(Mode.KNOWN_SERVERS, Optional.empty(), Optional.empty());
    }

    /** TLS, the server's fingerprint exactly {@code fingerprint} ({@code SHA256:...}). */
    public static TlsSettings pinned(String fingerprint) {
        return new TlsSettings(Mode.PINNED, Optional.of(fingerprint), Optional.empty());
    }

    /** TLS, the certificate issued by one of the authorities in {@code caFile}, or the system's roots when empty. */
    public static TlsSettings authorities(Optional<Path> caFile) {
        return new TlsSettings(Mode.AUTHORITIES, Optional.empty(), caFile);
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }
}
