package dropvault.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fixed-width 255-byte string field: the text, a NUL, then NUL padding.
 *
 * <p>The raw bytes are kept as they came, because a reply must echo a file name byte for byte.
 * The text is what stands before the first NUL; bytes after it are ignored, as peers in the wild
 * leave garbage there.
 */
public final class NameField {
    public static final int MAX_LENGTH = Protocol.NAME_SIZE - 1;

    private final byte[] raw;

    private NameField(byte[] raw) {
        this.raw = raw;
    }

    /** A name of printable ASCII, 1 to 254 characters: what a registration accepts. */
    public static NameField of(String name) {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("invalid name: " + problem);
        }
        return fromText(name.getBytes(StandardCharsets.US_ASCII));
    }

    /** Any text of at most 254 UTF-8 bytes with no NUL, such as a local file name. */
    public static NameField utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a name takes 1 to " + MAX_LENGTH + " bytes, not " + bytes.length);
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException("a name may not hold a NUL");
            }
        }
        return fromText(bytes);
    }

    /** The field exactly as it stands on the wire. */
    public static NameField wrap(byte[] buffer, int offset) {
        return new NameField(Arrays.copyOfRange(buffer, offset, offset + Protocol.NAME_SIZE));
    }

    /** The first {@code length} bytes of {@code buffer} (at most 255), NUL-padded to a full field. */
    public static NameField padded(byte[] buffer, int length) {
        if (length > Protocol.NAME_SIZE) {
            throw new IllegalArgumentException("a name field holds 255 bytes, not " + length);
        }
        return new NameField(Arrays.copyOf(Arrays.copyOf(buffer, length), Protocol.NAME_SIZE));
    }

    private static NameField fromText(byte[] text) {
        return new NameField(Arrays.copyOf(text, Protocol.NAME_SIZE));
    }

    /** Why {@code name} cannot be registered, or null when it can. */
    public static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return String.format("character U+%04X at %d is not printable ASCII", (int) c, i);
            }
        }
        return null;
    }

    /** Bytes before the first NUL, or -1 when the field holds no NUL at all. */
    public int textLength() {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The text before the first NUL (all 255 bytes when there is none), decoded as UTF-8. */
    public String text() {
        int n = textLength();
        return new String(raw, 0, n < 0 ? raw.length : n, StandardCharsets.UTF_8);
    }

    /** True when this field holds a name a registration accepts. */
    public boolean isValidName() {
        int n = textLength();
        if (n <= 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (raw[i] < 0x20 || raw[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    public byte[] toBytes() {
        return raw.clone();
    }

    void writeTo(byte[] buffer, int offset) {
        System.arraycopy(raw, 0, buffer, offset, raw.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameField other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return text();
    }
}
