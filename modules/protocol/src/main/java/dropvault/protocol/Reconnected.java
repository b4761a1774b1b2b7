package dropvault.protocol;

import java.util.Arrays;

/** 1605: reconnected, here is a fresh AES key wrapped with the stored public key (128 bytes for a 1024-bit key). */
public record Reconnected(ClientId clientId, byte[] wrappedKey) implements ResponsePayload {
    public Reconnected {
        wrappedKey = wrappedKey.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    @Override
    public int code() {
        return ResponseCode.RECONNECTED.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reconnected k && clientId.equals(k.clientId) && Arrays.equals(wrappedKey, k.wrappedKey);
    }

    @Override
    public int hashCode() {
        return 31 * clientId.hashCode() + Arrays.hashCode(wrappedKey);
    }

    @Override
    public String toString() {
        return "Reconnected[clientId=" + clientId + ", wrappedKey=" + wrappedKey.length + " bytes]";
    }
}
