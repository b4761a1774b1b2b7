package dropvault.retrieval;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The plaintext inside a sealed message, read and written field by field: unsigned little-endian
 * integers, and texts as a u16 byte count then that many bytes of UTF-8.
 */
public final class Body {
    /** The longest text a body carries, in bytes. */
    public static final int MAX_TEXT = 1024;

    private final ByteBuffer buffer;

    private Body(ByteBuffer buffer) {
        this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** An empty body to write, of at most {@code capacity} bytes. */
    public static Body writing(int capacity) {
        return new Body(ByteBuffer.allocate(capacity));
    }

    /** A body to read. */
    public static Body reading(byte[] plain) {
        return new Body(ByteBuffer.wrap(plain));
    }

    public Body u8(int v) {
        buffer.put((byte) v);
        return this;
    }

    public Body u32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a u32: " + v);
        }
        buffer.putInt((int) v);
        return this;
    }

    public Body u64(long v) {
        buffer.putLong(v);
        return this;
    }

    public Body text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_TEXT) {
            throw new IllegalArgumentException("a text of " + b.length + " bytes; at most " + MAX_TEXT);
        }
        buffer.putShort((short) b.length).put(b);
        return this;
    }

    /** Bytes a {@link #text} of {@code s} takes. */
    public static int textSize(String s) {
        return 2 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** What was written. */
    public byte[] bytes() {
        byte[] b = new byte[buffer.position()];
        buffer.duplicate().flip().get(b);
        return b;
    }

    public int readU8() throws MalformedBodyException {
        return get(() -> buffer.get() & 0xFF);
    }

    public long readU32() throws MalformedBodyException {
        return get(() -> buffer.getInt() & 0xFFFF_FFFFL);
    }

    public long readU64() throws MalformedBodyException {
        return get(buffer::getLong);
    }

    public String readText() throws MalformedBodyException {
        int n = get(() -> buffer.getShort() & 0xFFFF);
        if (n > MAX_TEXT || n > buffer.remaining()) {
            throw new MalformedBodyException("a text of " + n + " bytes where " + Math.min(MAX_TEXT, buffer.remaining())
                    + " may follow");
        }
        byte[] b = new byte[n];
        buffer.get(b);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("a text that is not UTF-8");
        }
    }

    /** Refuses bytes left over after the last field. */
    public void end() throws MalformedBodyException {
        if (buffer.hasRemaining()) {
            throw new MalformedBodyException(buffer.remaining() + " bytes after the last field");
        }
    }

    public boolean hasMore() {
        return buffer.hasRemaining();
    }

    private interface Read<T> {
        T get();
    }

    private static <T> T get(Read<T> read) throws MalformedBodyException {
        try {
            return read.get();
        } catch (BufferUnderflowException e) {
            throw new MalformedBodyException("the body ends inside a field");
        }
    }
}
