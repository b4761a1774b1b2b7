package dropvault.protocol;

/** 1600: registered, with the new client id. */
public record Registered(ClientId clientId) implements ResponsePayload {
    @Override
    public int code() {
        return ResponseCode.REGISTERED.code();
    }
}
