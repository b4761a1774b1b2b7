package dropvault.protocol;

import java.util.Arrays;

/** The payload of a code the protocol does not define, as raw bytes, for a plugin to read. */
public record OpaquePayload(int code, byte[] bytes) implements RequestPayload {
    public OpaquePayload {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaquePayload p && code == p.code && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "OpaquePayload[code=" + code + ", " + bytes.length + " bytes]";
    }
}
