package dropvault.storage;

import dropvault.protocol.ClientId;
import java.time.Instant;
import java.util.Objects;

/**
 * An earlier content of a client's file, kept when a confirmed upload of the same name replaced
 * it. {@code number} counts the versions of one name from 1 and is never reused; {@code pathName}
 * is where its bytes are (relative to the data folder, like {@link FileRecord#pathName()});
 * {@code size} and {@code cksum} are those of the replaced record ({@link FileRecord#UNKNOWN} when
 * an older store did not keep them); {@code keptAt} is when it was replaced.
 */
public record FileVersion(ClientId clientId, String fileName, long number, String pathName, long size, long cksum,
                          Instant keptAt) {

    public FileVersion {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(pathName, "pathName");
        Objects.requireNonNull(keptAt, "keptAt");
        if (number < 1) {
            throw new IllegalArgumentException("versions are numbered from 1: " + number);
        }
    }

    /** The bytes this version takes, 0 when unknown. */
    public long knownSize() {
        return Math.max(0, size);
    }
}
