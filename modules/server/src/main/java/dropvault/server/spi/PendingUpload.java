package dropvault.server.spi;

import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A file being received on a connection: a temporary file in the client's folder that exists
 * until it is moved into place or discarded. Made by the handler of 828, held by the
 * {@link Session}, and finished by the handler of 900-902.
 */
public interface PendingUpload {

    /** The file name field of the packets, byte for byte. */
    NameField fileName();

    /** True once every packet arrived and 1603 was sent. */
    boolean complete();

    /** Ciphertext bytes received. */
    long contentSize();

    /** Plaintext bytes written to {@link #file()}. */
    long plaintextSize();

    /** The cksum of the plaintext; meaningful once {@link #complete()}. */
    long cksum();

    /** The temporary file, in the client's folder of the {@link FileArea}. */
    Path file();

    /**
     * How the client sent this file, as far as its packets showed it (PROTOCOL.md §8); empty for the
     * text's way. The session's log line names it.
     */
    default Set<DialectFeature> dialect() {
        return Set.of();
    }

    /** Closes and deletes the temporary file, if it is still there. Idempotent. */
    void discard() throws IOException;
}
