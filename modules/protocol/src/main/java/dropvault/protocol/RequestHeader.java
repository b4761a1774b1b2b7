package dropvault.protocol;

/** The 23-byte request header: client id, version, code, payload size (a u32, so a long). */
public record RequestHeader(ClientId clientId, int version, int code, long payloadSize) {
    public RequestHeader {
        if (payloadSize < 0 || payloadSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("payload size out of u32 range: " + payloadSize);
        }
    }
}
