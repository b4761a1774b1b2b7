package dropvault.retrieval;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the list: a file's current content ({@code version} 0) or one of its kept versions
 * (numbered from 1, never reused).
 *
 * @param size      plaintext bytes, {@link #UNKNOWN} when the server's store did not keep it
 * @param cksum     POSIX cksum of the plaintext, {@link #UNKNOWN} likewise
 * @param confirmed whether the client confirmed the server's cksum with 900 (a version: the content it replaced)
 * @param written   when the content was stored (a version: when it was replaced)
 */
public record FileRow(String name, long version, long size, long cksum, boolean confirmed, Instant written) {
    public static final long UNKNOWN = -1;
    private static final int CONFIRMED = 1;
    private static final int KNOWN = 2;

    public FileRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(written, "written");
        if (version < 0 || version > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("version " + version);
        }
    }

    public boolean current() {
        return version == 0;
    }

    /** Bytes the row takes in a page. */
    int encodedSize() {
        return Body.textSize(name) + 4 + 8 + 4 + 1 + 8;
    }

    void writeTo(Body b) {
        boolean known = size >= 0 && cksum >= 0;
        b.text(name).u32(version).u64(known ? size : -1).u32(known ? cksum : 0)
                .u8((confirmed ? CONFIRMED : 0) | (known ? KNOWN : 0)).u64(written.toEpochMilli());
    }

    static FileRow readFrom(Body b) throws MalformedBodyException {
        String name = b.readText();
        long version = b.readU32();
        long size = b.readU64();
        long cksum = b.readU32();
        int flags = b.readU8();
        long millis = b.readU64();
        if ((flags & ~(CONFIRMED | KNOWN)) != 0) {
            throw new MalformedBodyException("unknown flags " + flags);
        }
        boolean known = (flags & KNOWN) != 0;
        if (known && size < 0) {
            throw new MalformedBodyException("a size of " + Long.toUnsignedString(size) + " bytes");
        }
        return new FileRow(name, version, known ? size : UNKNOWN, known ? cksum : UNKNOWN, (flags & CONFIRMED) != 0,
                Instant.ofEpochMilli(millis));
    }
}
