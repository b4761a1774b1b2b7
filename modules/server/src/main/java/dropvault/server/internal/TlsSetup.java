package dropvault.server.internal;

import dropvault.storage.files.UploadWriter;
import dropvault.tls.ServerCredentials;
import dropvault.tls.TlsProvider;
import dropvault.transport.SocketLayer;
import dropvault.transport.TlsSockets;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;

/**
 * The TLS listener's layer: the provider ({@code tls.provider}), the credentials (the PEM files of
 * the configuration, else the ones kept in the data folder's {@code tls/}, made at the first start),
 * and the fingerprint clients pin, logged at every start.
 */
public final class TlsSetup {
    /** The folder of the data folder where a made certificate and its key are kept. */
    public static final String FOLDER = "tls";

    private TlsSetup() {
    }

    /**
     * @throws IllegalArgumentException for a provider that cannot serve
     * @throws IOException              for credentials that cannot be read or made
     */
    public static SocketLayer layer(String providerSetting, Optional<Path> certificate, Optional<Path> key,
                                    Path dataDir, Duration handshakeTimeout, System.Logger log)
            throws IOException, GeneralSecurityException {
        TlsProvider provider = TlsProvider.choose(providerSetting);
        provider.fallback().ifPresent(why -> log.log(Level.WARNING, why));
        ServerCredentials credentials;
        String where;
        if (certificate.isPresent() && key.isPresent()) {
            credentials = ServerCredentials.fromPem(certificate.get(), key.get());
            where = "from " + certificate.get();
        } else {
            ServerCredentials.Kept kept = ServerCredentials.ownOrMake(dataDir.resolve(FOLDER), UploadWriter.hostName());
            credentials = kept.credentials();
            where = (kept.made() ? "made now, self-signed, in " : "self-signed, kept in ")
                    + kept.folder().resolve(ServerCredentials.CERTIFICATE_FILE);
        }
        log.log(Level.INFO, "TLS 1.3 with " + provider.name() + "; certificate " + credentials.fingerprint() + " ("
                + where + ")");
        return TlsSockets.server(credentials.serverContext(provider), handshakeTimeout);
    }
}
