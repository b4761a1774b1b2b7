package dropvault.client;

import dropvault.client.internal.Conversation;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import java.util.Objects;

/**
 * Uploads one file as the original client does: registers (writing me.info and priv.key in the
 * client folder) or reconnects with them, streams the file encrypted, checks the server's cksum
 * and confirms. Memory use does not depend on the file's size. Not thread-safe; one upload at a
 * time per instance, any number of instances at once (with distinct client folders).
 */
public final class UploadClient {
    private final UploadConfig config;
    private final CryptoSuite crypto;
    private final UploadListener listener;

    public UploadClient(UploadConfig config) {
        this(config, CryptoSuites.jdk(), UploadListener.NONE);
    }

    public UploadClient(UploadConfig config, CryptoSuite crypto, UploadListener listener) {
        this.config = Objects.requireNonNull(config);
        this.crypto = Objects.requireNonNull(crypto);
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * Runs the upload.
     *
     * @return what the server confirmed (1604 after 900)
     * @throws UploadException on any other outcome; its {@link UploadException#failure()} says which
     */
    public UploadResult upload() throws UploadException {
        try (Conversation c = new Conversation(config, crypto, listener)) {
            return c.run();
        }
    }

    public UploadConfig config() {
        return config;
    }
}
