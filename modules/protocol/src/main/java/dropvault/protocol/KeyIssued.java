package dropvault.protocol;

import java.util.Arrays;

/** 1602: public key stored, here is the AES key wrapped with it (128 bytes for a 1024-bit key). */
public record KeyIssued(ClientId clientId, byte[] wrappedKey) implements ResponsePayload {
    public KeyIssued {
        wrappedKey = wrappedKey.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    @Override
    public int code() {
        return ResponseCode.KEY_ISSUED.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyIssued k && clientId.equals(k.clientId) && Arrays.equals(wrappedKey, k.wrappedKey);
    }

    @Override
    public int hashCode() {
        return 31 * clientId.hashCode() + Arrays.hashCode(wrappedKey);
    }

    @Override
    public String toString() {
        return "KeyIssued[clientId=" + clientId + ", wrappedKey=" + wrappedKey.length + " bytes]";
    }
}
