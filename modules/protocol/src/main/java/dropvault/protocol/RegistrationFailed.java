package dropvault.protocol;

/** 1601: the name is taken or invalid. */
public record RegistrationFailed() implements ResponsePayload {
    @Override
    public int code() {
        return ResponseCode.REGISTRATION_FAILED.code();
    }
}
