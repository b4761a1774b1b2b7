package dropvault.server.spi;

import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import dropvault.storage.files.FileArea;
import dropvault.storage.files.UploadTarget;
import java.io.IOException;
import java.util.Set;

/**
 * A file being received on a connection: an {@link UploadTarget} of the {@link FileArea} that holds its
 * plaintext until it is put in place or discarded. Made by the handler of 828, held by the
 * {@link Session}, and finished by the handler of 900-902.
 */
public interface PendingUpload {

    /** The file name field of the packets, byte for byte. */
    NameField fileName();

    /** True once every packet arrived and 1603 was sent. */
    boolean complete();

    /** Ciphertext bytes received. */
    long contentSize();

    /** Plaintext bytes written to {@link #target()}. */
    long plaintextSize();

    /** The cksum of the plaintext; meaningful once {@link #complete()}. */
    long cksum();

    /** Where the plaintext went; meaningful once {@link #complete()}. */
    UploadTarget target();

    /**
     * How the client sent this file, as far as its packets showed it (PROTOCOL.md §8); empty for the
     * text's way. The session's log line names it.
     */
    default Set<DialectFeature> dialect() {
        return Set.of();
    }

    /** Closes and discards what was written, if it is still there. Idempotent. */
    void discard() throws IOException;
}
