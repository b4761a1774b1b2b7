package dropvault.protocol;

/** The 7-byte response header: version, code, payload size (a u32, so a long). */
public record ResponseHeader(int version, int code, long payloadSize) {
}
