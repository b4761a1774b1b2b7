package dropvault.client.internal;

import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.client.UploadException.Failure;
import dropvault.client.UploadListener;
import dropvault.client.UploadResult;
import dropvault.crypto.CryptoSuite;
import java.io.IOException;
import java.security.KeyPair;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One upload, as PROTOCOL.md §5 tells it: register or reconnect ({@link Handshake}), stream the
 * file, compare the cksums, confirm; 901 and the whole file again on a mismatch (at most three
 * resends), then 902 ({@link FileUpload}). Every request is tried at most three times; an answer of
 * 1607, an unexpected code or a malformed frame is reported and the request repeated, on a new
 * connection (reconnecting first once a session key was issued) when the server closed the old one
 * ({@link ServerExchange}).
 */
public final class Conversation implements AutoCloseable {
    private final UploadConfig config;
    private final UploadListener listener;
    private final IdentityFiles files;
    private final ServerExchange exchange;
    private final Handshake handshake;
    private final FileUpload upload;

    public Conversation(UploadConfig config, CryptoSuite crypto, UploadListener listener) {
        this(config, crypto, listener, crypto::generateKeyPair);
    }

    /** With the key pairs a registration uses coming from {@code keyPairs} (fixed ones reproduce recorded frames). */
    public Conversation(UploadConfig config, CryptoSuite crypto, UploadListener listener, Supplier<KeyPair> keyPairs) {
        this.config = config;
        this.listener = listener;
        this.files = new IdentityFiles(config.clientDir(), crypto);
        DialectChoice dialects = new DialectChoice(config);
        this.exchange = new ServerExchange(config, listener, this::restoreSession, this::clientKey);
        this.handshake = new Handshake(exchange, crypto, listener, files, keyPairs, dialects, config.tls().enabled());
        this.upload = new FileUpload(config, crypto, listener, exchange, handshake, dialects);
    }

    public UploadResult run() throws UploadException {
        LocalFile file;
        PacketPlan plan;
        Optional<Identity> stored;
        try {
            file = LocalFile.of(config.file());
            plan = PacketPlan.of(file.size(), config.chunkSize());
            stored = files.load();
            if (stored.isEmpty()) {
                files.prepareFolder();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UploadException(Failure.LOCAL_FILE, e.getMessage(), e);
        }
        try {
            if (stored.isPresent()) {
                if (!stored.get().name().equals(config.name())) {
                    listener.info("me.info names the client '" + stored.get().name() + "'; using that name, not '"
                            + config.name() + "'");
                }
                handshake.reconnect(stored.get());
            } else {
                handshake.register(config.name());
            }
            return upload.upload(file, plan);
        } catch (LocalFileException e) {
            throw new UploadException(Failure.LOCAL_FILE, e.getMessage(), e);
        }
    }

    /** The key a new connection proves over TLS (the handshake's, once it has one). */
    private java.util.Optional<java.security.PrivateKey> clientKey() {
        return handshake.clientKey();
    }

    /** A new connection in the middle of the upload reconnects first. */
    private void restoreSession() throws UploadException, LocalFileException {
        handshake.restoreSession();
    }

    @Override
    public void close() {
        exchange.close();
    }
}
