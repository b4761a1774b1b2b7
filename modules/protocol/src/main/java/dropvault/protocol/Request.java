package dropvault.protocol;

/** One decoded request frame. */
public record Request(RequestHeader header, RequestPayload payload) {
    public ClientId clientId() {
        return header.clientId();
    }

    public int code() {
        return header.code();
    }
}
