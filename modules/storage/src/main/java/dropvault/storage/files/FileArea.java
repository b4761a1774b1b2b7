package dropvault.storage.files;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Where received files are kept, named by <em>path names</em>: the strings the store records for a file
 * or a version ({@code files/<client id hex>/<safe name>} in the data folder). Every path name it hands
 * out lies inside the client's part; names from the wire are reduced to safe base names. Handlers and the
 * server's keeping of files go through it only, so another file area (an object store) needs no change
 * elsewhere.
 */
public interface FileArea extends Closeable {

    /** A new, empty destination for an upload of the client's. */
    UploadTarget newUpload(ClientId clientId) throws IOException;

    /** A new destination that holds the content at {@code pathName} already: how kept content is kept again. */
    UploadTarget copyOf(ClientId clientId, String pathName) throws IOException;

    /** The path name where the file of this wire name is kept, inside the client's part. */
    String target(ClientId clientId, NameField wireName) throws IOException;

    /**
     * The {@code n}th alternative (from 2) of a target: for a wire name whose safe name another wire
     * name's file takes already ({@code a/x.txt} and {@code b/x.txt}).
     */
    default String variant(String target, int n) {
        return SafeFileName.variantOfPathName(target, n);
    }

    /** The safe base name a wire name is kept under. */
    default String safeName(NameField wireName) {
        return SafeFileName.of(wireName.text());
    }

    /**
     * Gives the content at {@code pathName} a second, new path name as a version of it, made {@code now}
     * (in the data folder a hard link in the client's {@code .versions}, named {@code <safe name>@<UTC time>};
     * no wire name reaches it), and returns it.
     */
    String keepAsVersion(String pathName, Instant now) throws IOException;

    /** Puts an upload's content at {@code pathName}, replacing what is there; durable when it returns. */
    void putInPlace(UploadTarget upload, String pathName) throws IOException;

    /** Undoes {@link #putInPlace} where nothing was there before: the content goes back to {@code upload}. */
    void takeBack(String pathName, UploadTarget upload) throws IOException;

    /** Undoes {@link #putInPlace} where content was kept as {@code versionPathName}: it is put back at {@code pathName}. */
    void putBack(String versionPathName, String pathName) throws IOException;

    boolean exists(String pathName) throws IOException;

    /** Deletes the content at {@code pathName}, if it is there. */
    void delete(String pathName) throws IOException;

    /**
     * Opens a file the store recorded (a file's or a version's path name) for reading from its first byte:
     * how a handler serves stored content without knowing where the bytes live. Content that is not there
     * is a {@link java.nio.file.NoSuchFileException}.
     */
    InputStream read(String pathName) throws IOException;

    /** When the content at {@code pathName} was written. */
    Instant written(String pathName) throws IOException;

    /** How many bytes the content at {@code pathName} holds; {@link java.nio.file.NoSuchFileException} when there is none. */
    long size(String pathName) throws IOException;

    /** Deletes everything of the client's (files, versions, unfinished uploads); returns how many files it held. */
    int deleteClient(ClientId clientId) throws IOException;

    /**
     * Removes what uploads of stopped servers left (nothing that a running server wrote within
     * {@code staleAfter}); returns how many. A server does it once as it starts.
     */
    default int removeLeftovers(Duration staleAfter) throws IOException {
        return 0;
    }

    /** Lets go of what the area holds (connections to a store); a server closes its area when it stops. */
    @Override
    default void close() throws IOException {
    }
}
