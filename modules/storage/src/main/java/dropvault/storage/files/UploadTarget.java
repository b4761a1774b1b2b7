package dropvault.storage.files;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one upload's plaintext goes until {@link FileArea#putInPlace} keeps it under a name or it is
 * discarded: a local file where the file area keeps files on a local file system (the upload writes it
 * itself, with direct I/O where it can), else a channel that takes the bytes in order.
 */
public interface UploadTarget {

    /** The local file the bytes go to; empty for a file area that takes them through {@link #channel()}. */
    Optional<Path> localFile();

    /**
     * Where the bytes go, in order from the first, when there is no {@link #localFile()}; opened once.
     * Closing it ends the bytes (the content is complete and durable); an upload thrown away is
     * discarded without closing it.
     */
    WritableByteChannel channel() throws IOException;

    /** Forgets the bytes written so far, if they are still there, whether the channel was closed or not. Idempotent. */
    void discard() throws IOException;
}
