package dropvault.retrieval;

import java.util.Objects;

/**
 * The body of {@link RetrievalCodes#RESTORED}: version {@code restored} of the file is its current content
 * again, and what was current is kept as version {@code keptAs}.
 */
public record Restored(String name, long restored, long keptAs) {
    public Restored {
        Objects.requireNonNull(name, "name");
    }

    public byte[] encode() {
        return Body.writing(Body.textSize(name) + 8).text(name).u32(restored).u32(keptAs).bytes();
    }

    public static Restored decode(byte[] body) throws MalformedBodyException {
        Body b = Body.reading(body);
        Restored r = new Restored(b.readText(), b.readU32(), b.readU32());
        b.end();
        return r;
    }
}
