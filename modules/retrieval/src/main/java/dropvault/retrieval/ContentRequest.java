package dropvault.retrieval;

import java.util.Objects;

/**
 * The body of {@link RetrievalCodes#GET} and {@link RetrievalCodes#RESTORE}: a file's name as the list
 * gives it, and a version (0: the current content; restore takes a kept version, from 1).
 */
public record ContentRequest(String name, long version) {
    public ContentRequest {
        Objects.requireNonNull(name, "name");
        if (version < 0 || version > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("version " + version);
        }
    }

    public byte[] encode() {
        return Body.writing(Body.textSize(name) + 4).text(name).u32(version).bytes();
    }

    public static ContentRequest decode(byte[] body) throws MalformedBodyException {
        Body b = Body.reading(body);
        ContentRequest r = new ContentRequest(b.readText(), b.readU32());
        b.end();
        return r;
    }
}
