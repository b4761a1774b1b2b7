package dropvault.server.spi;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The received files under the data folder: {@code files/<client id hex>/<safe name>}. Every path
 * it hands out lies inside the client's folder; names from the wire are reduced to safe base names.
 */
public interface FileArea {

    /** The client's folder, created when missing. */
    Path clientFolder(ClientId clientId) throws IOException;

    /** A new, empty temporary file in the client's folder that no final name can collide with. */
    Path newTemporaryFile(ClientId clientId) throws IOException;

    /** Where the file of this wire name is kept, inside the client's folder. */
    Path target(ClientId clientId, NameField wireName) throws IOException;

    /**
     * The {@code n}th alternative (from 2) of a target, beside it: for a wire name whose safe name
     * another wire name's file takes already ({@code a/x.txt} and {@code b/x.txt}).
     */
    Path variant(Path target, int n);

    /** The safe base name a wire name is kept under. */
    String safeName(NameField wireName);

    /** {@code path} relative to the data folder, with {@code /} separators, as the store records it. */
    String relativePath(Path path);

    /**
     * Moves a temporary file to {@code target} atomically, replacing what is there, and forces the
     * move to disk.
     */
    void moveIntoPlace(Path temporary, Path target) throws IOException;

    /**
     * A new, unused path for a version of the file at {@code target}: in the folder {@code .versions}
     * of the client's folder (created when missing), named {@code <safe name>@<UTC time>}. No wire
     * name reaches it: safe names never start with a dot.
     */
    Path newVersionPath(Path target, Instant now) throws IOException;

    /** The path of a {@link #relativePath} the store recorded, refused when it leaves the data folder. */
    Path resolve(String relativePath) throws IOException;

    /**
     * Opens a file the store recorded ({@link #relativePath}, a file's or a version's) for reading from its
     * first byte: how a handler serves stored content without knowing where the bytes live.
     */
    InputStream read(String relativePath) throws IOException;

    /** When the content of a file the store recorded was written. */
    Instant written(String relativePath) throws IOException;
}
