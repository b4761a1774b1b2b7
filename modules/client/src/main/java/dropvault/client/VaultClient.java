package dropvault.client;

import dropvault.client.internal.Conversation;
import dropvault.client.internal.DownloadFile;
import dropvault.client.internal.Retrieval;
import dropvault.crypto.CryptoSuite;
import dropvault.retrieval.ContentHeader;
import dropvault.retrieval.FileRow;
import dropvault.retrieval.Restored;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A client's files on a dropvault server: several sent in one session, and (with the server's retrieval
 * extension, docs/PROTOCOL.md §10) listed, brought back and restored. Uses me.info and priv.key in the
 * client folder as {@link UploadClient} does; listing and getting never register a client. One session per
 * instance, opened by the first call; not thread-safe.
 */
public final class VaultClient implements AutoCloseable {
    private final Conversation conversation;
    private Retrieval retrieval;

    public VaultClient(UploadConfig config, CryptoSuite crypto, UploadListener listener) {
        this.conversation = new Conversation(Objects.requireNonNull(config), Objects.requireNonNull(crypto),
                Objects.requireNonNull(listener));
    }

    /** Sends {@code files} one after another in one session, each confirmed before the next goes. */
    public List<UploadResult> send(List<Path> files) throws UploadException {
        return conversation.runAll(files);
    }

    /** The client's files, each followed by its kept versions. */
    public List<FileRow> list() throws UploadException {
        return retrieval().list();
    }

    /**
     * Brings {@code name} back (version 0: its current content) into {@code target}, which appears only once
     * the content is complete and its cksum matched; an existing {@code target} is replaced only if {@code replace}.
     */
    public ContentHeader get(String name, long version, Path target, boolean replace) throws UploadException {
        try (DownloadFile file = DownloadFile.to(target, replace)) {
            ContentHeader h = retrieval().get(name, version, file.out());
            file.complete();
            return h;
        }
    }

    /** Makes version {@code version} of {@code name} its current content again. */
    public Restored restore(String name, long version) throws UploadException {
        return retrieval().restore(name, version);
    }

    private Retrieval retrieval() throws UploadException {
        if (retrieval == null) {
            retrieval = conversation.reconnectForRetrieval();
        }
        return retrieval;
    }

    @Override
    public void close() {
        conversation.close();
    }
}
