package dropvault.storage;

import dropvault.protocol.ClientId;
import java.util.Objects;

/**
 * A received file (PROTOCOL.md §7): the name the client gave, where it is stored (relative to the
 * data folder), whether its cksum was confirmed, and the stored file's size in bytes and POSIX
 * cksum, for verifying the file at rest. A record written before sizes were kept (an older store)
 * has {@link #UNKNOWN} for both.
 */
public record FileRecord(ClientId clientId, String fileName, String pathName, boolean verified, long size,
                         long cksum) {
    /** The size or cksum of a record from a store that did not keep them. */
    public static final long UNKNOWN = -1;

    public FileRecord {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(pathName, "pathName");
        if (size < UNKNOWN) {
            throw new IllegalArgumentException("size " + size);
        }
        if (cksum < UNKNOWN || cksum > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("cksum " + cksum + " is not a u32");
        }
    }

    /** A record whose size and cksum are not known. */
    public FileRecord(ClientId clientId, String fileName, String pathName, boolean verified) {
        this(clientId, fileName, pathName, verified, UNKNOWN, UNKNOWN);
    }

    /** The bytes this file takes, 0 when unknown. */
    public long knownSize() {
        return Math.max(0, size);
    }
}
