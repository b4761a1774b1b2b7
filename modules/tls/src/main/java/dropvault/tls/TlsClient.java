package dropvault.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The client's side of a TLS 1.3 handshake over a connected socket. It ends before a byte of the
 * protocol is sent, so a server whose certificate {@link ServerTrust} refuses never sees one.
 */
public final class TlsClient {
    private TlsClient() {
    }

    /** A client context of {@code provider} that judges servers with {@code trust}. */
    public static SSLContext context(TlsProvider provider, ServerTrust trust) throws GeneralSecurityException {
        return context(provider, trust, Optional.empty());
    }

    /**
     * A client context of {@code provider} that judges servers with {@code trust} and presents
     * {@code certificate} to a server that asks for one (none when empty).
     */
    public static SSLContext context(TlsProvider provider, ServerTrust trust, Optional<ClientCertificate> certificate)
            throws GeneralSecurityException {
        SSLContext c = provider.newContext();
        c.init(certificate.isPresent() ? certificate.get().keyManagers() : null, new TrustManager[] {trust},
                new SecureRandom());
        return c;
    }

    /**
     * Layers TLS over {@code connected} (closed with it) and shakes hands; reads wait at most the
     * socket's read timeout. A host name (not an address) goes out as SNI.
     *
     * @throws SSLException when the handshake fails: a refused certificate (see the trust manager),
     *                      or a peer that does not speak TLS 1.3
     */
    public static SSLSocket handshake(Socket connected, SSLContext context, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        try {
            s.setUseClientMode(true);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {TlsProvider.PROTOCOL});
            if (!ServerTrust.isIpAddress(host) && host.indexOf('.') >= 0) {
                p.setServerNames(List.of(new SNIHostName(host)));
            }
            s.setSSLParameters(p);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            try {
                s.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * One line for a failed handshake that no certificate refusal explains: a peer that speaks no
     * TLS (a plain port), an older TLS only, or a connection cut.
     */
    public static String describe(IOException e) {
        String m = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName())
                .replaceAll("\\s*\\R\\s*", " ").strip();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("unrecognized ssl message") || lower.contains("unable to parse tls packet header") || lower.contains("wrong_version_number")
                || lower.contains("plaintext") || lower.contains("record_overflow") || lower.contains("http_request")
                || lower.contains("unsupported_protocol") && lower.contains("record")) {
            return "the server does not speak TLS there (a plain port?): " + m;
        }
        if (lower.contains("protocol_version") || lower.contains("no appropriate protocol")
                || lower.contains("unsupported_protocol")) {
            return "the server does not speak TLS 1.3: " + m;
        }
        return "the TLS handshake failed: " + m;
    }
}
