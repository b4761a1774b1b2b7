package dropvault.protocol;

/** 1606: reconnect refused; the id may be a fresh one reserved for the name (PROTOCOL.md §5). */
public record ReconnectRefused(ClientId clientId) implements ResponsePayload {
    @Override
    public int code() {
        return ResponseCode.RECONNECT_REFUSED.code();
    }
}
