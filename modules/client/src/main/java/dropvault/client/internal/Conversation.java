package dropvault.client.internal;

import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.client.UploadException.Failure;
import dropvault.client.UploadListener;
import dropvault.client.UploadResult;
import dropvault.crypto.CryptoSuite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.security.KeyPair;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One upload, as PROTOCOL.md §5 tells it: register or reconnect ({@link Handshake}), stream the
 * file, compare the cksums, confirm; 901 and the whole file again on a mismatch (at most three
 * resends), then 902 ({@link FileUpload}). Every request is tried at most three times; an answer of
 * 1607, an unexpected code or a malformed frame is reported and the request repeated, on a new
 * connection (reconnecting first once a session key was issued) when the server closed the old one
 * ({@link ServerExchange}). Several files may go in one session ({@link #runAll}), and a known
 * client may ask for its files back ({@link #reconnectForRetrieval}).
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
        return runAll(List.of(config.file())).getFirst();
    }

    /** Registers or reconnects once, then uploads each file in turn on the same session. */
    public List<UploadResult> runAll(List<Path> paths) throws UploadException {
        List<LocalFile> local = new ArrayList<>();
        try {
            for (Path p : paths) {
                local.add(LocalFile.of(p));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UploadException(Failure.LOCAL_FILE, e.getMessage(), e);
        }
        Optional<Identity> stored = storedIdentity(true);
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
            List<UploadResult> results = new ArrayList<>();
            for (LocalFile file : local) {
                results.add(upload.upload(file, PacketPlan.of(file.size(), config.chunkSize())));
            }
            return results;
        } catch (LocalFileException e) {
            throw new UploadException(Failure.LOCAL_FILE, e.getMessage(), e);
        }
    }

    /**
     * Reconnects as the client of me.info and priv.key, never registering: the session of a client that
     * asks for its files, which it has only on a server that knows it.
     */
    public Retrieval reconnectForRetrieval() throws UploadException {
        Identity known = storedIdentity(false).orElseThrow(() -> new UploadException(Failure.LOCAL_FILE,
                "no " + files.meInfo() + ": this client has no identity yet, so no server holds files of it"
                        + " (send a file first)"));
        try {
            handshake.reconnect(known, false);
        } catch (LocalFileException e) {
            throw new UploadException(Failure.LOCAL_FILE, e.getMessage(), e);
        }
        return new Retrieval(exchange, handshake, listener);
    }

    /** me.info and priv.key when they exist; when not, the folder made ready for them if {@code prepare}. */
    private Optional<Identity> storedIdentity(boolean prepare) throws UploadException {
        try {
            Optional<Identity> stored = files.load();
            if (stored.isEmpty() && prepare) {
                files.prepareFolder();
            }
            return stored;
        } catch (IOException | IllegalArgumentException e) {
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
