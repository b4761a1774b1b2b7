package dropvault.client.internal;

import dropvault.client.ServerAddress;
import dropvault.client.TlsSettings;
import dropvault.client.UploadListener;
import dropvault.tls.ClientCertificate;
import dropvault.tls.ServerTrust;
import dropvault.tls.TlsClient;
import dropvault.tls.TlsProvider;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The client's TLS: a handshake over the connected socket before any byte of the protocol, the
 * server's certificate judged as {@link TlsSettings} say. With known servers (the default) the
 * fingerprint is checked against servers.info, and recorded there on first use.
 */
final class TlsConnector {
    private final TlsSettings settings;
    private final KnownServers known;
    private final UploadListener listener;

    TlsConnector(TlsSettings settings, java.nio.file.Path clientDir, UploadListener listener) {
        this.settings = settings;
        this.known = new KnownServers(clientDir);
        this.listener = listener;
    }

    /**
     * @param clientKey the client's private key: a certificate of its key pair, made now, is presented to
     *                  the server (it makes the client key-bound, docs/TLS.md); none when empty
     * @throws ServerIdentityException when the certificate is not the one expected
     * @throws IOException             when the handshake fails otherwise (a plain port, a cut connection)
     */
    SSLSocket secure(Socket connected, String host, int port, Optional<PrivateKey> clientKey) throws IOException {
        String server = new ServerAddress(host, port).toString();
        Optional<KnownServers.Entry> recorded = Optional.empty();
        ServerTrust trust;
        switch (settings.mode()) {
            case KNOWN_SERVERS -> {
                recorded = known.lookUp(server);
                trust = ServerTrust.fingerprint(recorded.map(KnownServers.Entry::fingerprint)
                        .filter(TlsConnector::wellFormed));
            }
            case PINNED -> trust = ServerTrust.fingerprint(settings.fingerprint());
            case AUTHORITIES -> trust = ServerTrust.authorities(settings.caFile(), host);
            default -> throw new IllegalStateException("no TLS asked for");
        }
        SSLSocket socket;
        try {
            TlsProvider provider = TlsProvider.fromSystemProperty();
            SSLContext context = TlsClient.context(provider, trust, clientKey.flatMap(ClientCertificate::of));
            socket = TlsClient.handshake(connected, context, host, port);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("TLS cannot start: " + e.getMessage(), e);
        } catch (SSLException e) {
            if (trust.refusal().isPresent()) {
                throw new ServerIdentityException(identityMessage(server, trust, recorded), e);
            }
            throw new IOException(TlsClient.describe(e), e);
        }
        String seen = trust.presentedFingerprint().orElseThrow();
        if (settings.mode() == TlsSettings.Mode.PINNED
                || settings.mode() == TlsSettings.Mode.KNOWN_SERVERS && recorded.isEmpty()) {
            if (recorded.isEmpty() || !recorded.get().fingerprint().equals(seen)) {
                try {
                    known.record(server, seen);
                    listener.info("recorded " + server + " " + seen + " in " + known.file()
                            + (recorded.isEmpty() ? " (first use)" : " (was " + recorded.get().fingerprint() + ")"));
                } catch (IOException e) {
                    listener.info("cannot record the server's identity in " + known.file() + ": " + e.getMessage());
                }
            }
        }
        return socket;
    }

    private static boolean wellFormed(String fingerprint) {
        try {
            dropvault.tls.Fingerprint.parse(fingerprint);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String identityMessage(String server, ServerTrust trust, Optional<KnownServers.Entry> recorded) {
        ServerTrust.Refusal r = trust.refusal().orElseThrow();
        String seen = trust.presentedFingerprint().orElse("no certificate");
        String nothingSent = "; nothing was sent";
        if (r.reason() != ServerTrust.Reason.CHANGED) {
            return "refusing " + server + ": " + r.message() + nothingSent;
        }
        if (settings.mode() == TlsSettings.Mode.PINNED) {
            return "the server's identity is not the pinned one: " + server + " presented " + seen
                    + ", --tls-fingerprint expects " + settings.fingerprint().orElseThrow() + nothingSent;
        }
        KnownServers.Entry e = recorded.orElseThrow();
        return "the server's identity changed: " + server + " presented " + seen + ", but " + known.file()
                + " (line " + e.line() + ") records " + e.fingerprint() + "; someone may be intercepting the"
                + " connection, or the server's key was replaced" + nothingSent + ". If you know it was replaced,"
                + " remove that line or run with --tls-fingerprint " + seen;
    }
}
