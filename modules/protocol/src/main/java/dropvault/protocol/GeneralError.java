package dropvault.protocol;

/** 1607: general error. */
public record GeneralError() implements ResponsePayload {
    @Override
    public int code() {
        return ResponseCode.GENERAL_ERROR.code();
    }
}
