package dropvault.protocol;

import java.util.Arrays;

/** A response of a code the protocol does not define, sent by a plugin. */
public record OpaqueResponse(int code, byte[] bytes) implements ResponsePayload {
    public OpaqueResponse {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("a code is a u16: " + code);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The payload's size, without a copy of it. */
    public int length() {
        return bytes.length;
    }

    /** Writes the payload into {@code b} at {@code offset}: the encoder's one copy. */
    void writeTo(byte[] b, int offset) {
        System.arraycopy(bytes, 0, b, offset, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueResponse r && code == r.code && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "OpaqueResponse[code=" + code + ", " + bytes.length + " bytes]";
    }
}
