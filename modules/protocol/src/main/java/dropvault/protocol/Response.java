package dropvault.protocol;

/** One decoded response frame. */
public record Response(ResponseHeader header, ResponsePayload payload) {
    public int code() {
        return header.code();
    }
}
