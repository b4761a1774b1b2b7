package dropvault.protocol;

/** 1604: thanks, the answer to 900 and 902; {@link ClientId#ZERO} when a server sent no payload. */
public record Thanks(ClientId clientId) implements ResponsePayload {
    @Override
    public int code() {
        return ResponseCode.THANKS.code();
    }
}
