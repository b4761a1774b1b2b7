package dropvault.retrieval;

import java.time.Instant;
import java.util.Objects;

/**
 * The body of {@link RetrievalCodes#CONTENT_BEGINS}: what the pieces that follow will make. {@code size}
 * plaintext bytes follow in {@link RetrievalCodes#CONTENT_PIECE}s of {@link RetrievalCodes#PIECE_SIZE}
 * bytes (the last one shorter; none for an empty file); {@code cksum} is the POSIX cksum of them all.
 */
public record ContentHeader(String name, long version, long size, long cksum, Instant written) {
    public ContentHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(written, "written");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size);
        }
    }

    /** How many pieces carry the content. */
    public long pieces() {
        return (size + RetrievalCodes.PIECE_SIZE - 1) / RetrievalCodes.PIECE_SIZE;
    }

    public byte[] encode() {
        return Body.writing(Body.textSize(name) + 4 + 8 + 4 + 8).text(name).u32(version).u64(size).u32(cksum)
                .u64(written.toEpochMilli()).bytes();
    }

    public static ContentHeader decode(byte[] body) throws MalformedBodyException {
        Body b = Body.reading(body);
        String name = b.readText();
        long version = b.readU32();
        long size = b.readU64();
        long cksum = b.readU32();
        long millis = b.readU64();
        b.end();
        if (size < 0) {
            throw new MalformedBodyException("a size of " + Long.toUnsignedString(size) + " bytes");
        }
        return new ContentHeader(name, version, size, cksum, Instant.ofEpochMilli(millis));
    }
}
